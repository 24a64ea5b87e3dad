import { useState } from 'react'

import { Button } from 'components/ui/Button'
import { ErrorMessage } from 'components/ui/ErrorMessage'
import { FormField, Input } from 'components/ui/Input'
import { useAuth } from 'lib/auth/AuthProvider'

/** Email and password against the Studio's GoTrue (`GOTRUE_URL`), through auth-js. */
export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { signIn, canSignIn } = useAuth()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()

  const submit = async () => {
    setBusy(true)
    setError(undefined)
    try {
      await signIn(email, password)
      onSignedIn()
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      className="flex flex-col gap-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void submit()
      }}
    >
      {!canSignIn && (
        <ErrorMessage error={new Error('This Studio has no GOTRUE_URL configured, so no one can sign in here.')} title="Sign-in is not available" />
      )}
      <FormField label="Email">
        {(id) => (
          <Input id={id} name="email" type="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.target.value)} />
        )}
      </FormField>
      <FormField label="Password">
        {(id) => (
          <Input
            id={id}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        )}
      </FormField>
      {error !== undefined && <ErrorMessage error={error} title="Sign-in failed" />}
      <Button type="submit" variant="primary" size="medium" loading={busy} disabled={!canSignIn || !email || !password}>
        Sign in
      </Button>
    </form>
  )
}
