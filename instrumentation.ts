// Runs once when a console server process starts: validate the environment, migrate the database, seed the demo
// accounts (demo mode). A failure here stops the start with the reason instead of failing requests later.
export async function register(): Promise<void> {
  // NEXT_RUNTIME is set by Next.js itself (not configuration): the database lives in the Node.js runtime only.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ready } = await import("./lib/server/startup");
  await ready();
}
