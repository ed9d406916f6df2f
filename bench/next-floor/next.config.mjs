// A bare Next.js app, the floor of what any Next.js app costs on this machine (`npm run bench` builds and measures
// it beside the console): the same next, react and react-dom as the console, default settings, no console code.
// Its page is a server-rendered heading and paragraph; its one route handler makes the console read route's
// upstream calls (../lib/floor-proxy.mjs), like bench/plain-proxy.mjs does without a framework.
/** @type {import('next').NextConfig} */
const config = {
  poweredByHeader: false,
  // CommonJS with optional deps, kept out of the server bundle as in the console's next.config.js.
  serverExternalPackages: ["@huaweicloud/huaweicloud-sdk-core"],
};
export default config;
