import createNextIntlPlugin from "next-intl/plugin";
import { API_SECURITY_HEADERS } from "./lib/server/security-header-values.mjs";

const withNextIntl = createNextIntlPlugin({
  requestConfig: "./i18n/request.ts",
  experimental: {
    // The catalogs' ICU messages are compiled at build time: the browser gets no message parser (smaller first-load
    // JS) and formats without parsing (less work while a page hydrates).
    messages: { path: "./messages", format: "json", locales: "infer", precompile: true },
  },
});

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `.next/standalone`: a self-contained server tree (traced node_modules) for the container image (Dockerfile,
  // docs/operations.md). `npm start` does not use it: scripts/server.mjs serves the build in place.
  output: "standalone",
  // The Huawei SDK core is CommonJS with optional deps; keep it out of the server bundle.
  serverExternalPackages: ["@huaweicloud/huaweicloud-sdk-core"],
  // Pages and files get theirs from proxy.ts, which /api requests skip (see its matcher).
  headers: async () => [{ source: "/api/:path*", headers: Object.entries(API_SECURITY_HEADERS).map(([key, value]) => ({ key, value })) }],
};

export default withNextIntl(nextConfig);
