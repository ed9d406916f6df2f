import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The Huawei SDK core is CommonJS with optional deps; keep it out of the server bundle.
  serverExternalPackages: ["@huaweicloud/huaweicloud-sdk-core"],
};

export default withNextIntl(nextConfig);
