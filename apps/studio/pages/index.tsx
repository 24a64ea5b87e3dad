export default function Home() {
  return <main>Multibase Studio</main>
}
