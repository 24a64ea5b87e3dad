import { Head, Html, Main, NextScript } from 'next/document'

/** Dark is the default theme; ThemeProvider switches the class once it has read the stored choice. */
export default function Document() {
  return (
    <Html lang="en" className="dark">
      <Head />
      <body>
        <Main />
        <NextScript />
      </body>
    </Html>
  )
}
