/** @type {import('tailwindcss').Config} */
// Colours are CSS variables (styles/globals.css) so one class works in both themes.
const themed = (name) => `rgb(var(--${name}) / <alpha-value>)`

module.exports = {
  darkMode: 'class',
  content: ['./pages/**/*.{ts,tsx}', './components/**/*.{ts,tsx}'],
  theme: {
    extend: {
      colors: {
        background: themed('background'),
        surface: { DEFAULT: themed('surface'), raised: themed('surface-raised'), overlay: themed('surface-overlay') },
        border: { DEFAULT: themed('border'), strong: themed('border-strong') },
        foreground: { DEFAULT: themed('foreground'), light: themed('foreground-light'), muted: themed('foreground-muted') },
        brand: { DEFAULT: themed('brand'), strong: themed('brand-strong'), faint: themed('brand-faint') },
        destructive: { DEFAULT: themed('destructive'), faint: themed('destructive-faint') },
        warning: { DEFAULT: themed('warning'), faint: themed('warning-faint') },
      },
      fontFamily: {
        sans: ['ui-sans-serif', 'system-ui', '-apple-system', 'Segoe UI', 'Roboto', 'Helvetica Neue', 'Arial', 'sans-serif'],
        mono: ['ui-monospace', 'SFMono-Regular', 'Menlo', 'Consolas', 'Liberation Mono', 'monospace'],
      },
      fontSize: { xxs: ['0.6875rem', '1rem'] },
    },
  },
  plugins: [],
}
