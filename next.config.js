import createNextIntlPlugin from "next-intl/plugin";

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
  // The Huawei SDK core is CommonJS with optional deps; keep it out of the server bundle.
  serverExternalPackages: ["@huaweicloud/huaweicloud-sdk-core"],
};

export default withNextIntl(nextConfig);
