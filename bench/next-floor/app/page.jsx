// Rendered on every request like the console's pages (they read the session), with no client component of its own:
// what the browser loads is Next.js's router and React alone.
export const dynamic = "force-dynamic";

export default function Page() {
  return (
    <main>
      <h1>Bare Next.js</h1>
      <p>A server-rendered page with no client component of its own, for the benchmark&apos;s floor.</p>
    </main>
  );
}
