import { useRouter } from 'next/router'
import { useEffect } from 'react'

/** The console opens on its users page. */
export default function AdminIndexPage() {
  const router = useRouter()
  useEffect(() => void router.replace('/admin/users'), [router])
  return null
}
