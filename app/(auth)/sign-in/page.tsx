import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { env } from "@/lib/server/env";
import { SignInForm, type DemoAccount } from "@/components/auth/sign-in-form";
import { PageMessages } from "@/components/layout/page-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("title") };
}

/** Seeded in demo mode only (simulator upstream); never accepted against a real endpoint. */
const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: "admin@demo.local", role: "admin" },
  { email: "dev@demo.local", role: "deployer" },
  { email: "viewer@demo.local", role: "viewer" },
];

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [params, t, tc] = await Promise.all([searchParams, getTranslations("auth"), getTranslations("common")]);
  // Set in demo mode only (simulator upstream); the accounts are neither seeded nor accepted otherwise.
  const demoPassword = env().mode === "demo" ? env().auth.demoPassword : null;
  return (
    <PageMessages page="app/(auth)/sign-in/page.tsx">
      <div className="w-full max-w-sm">
        <div className="rounded-lg border border-zinc-200 bg-white px-6 py-7 shadow-sm">
          <h1 className="text-xl font-semibold tracking-tight text-zinc-900">{t("heading")}</h1>
          <p className="mt-1 mb-6 text-sm text-zinc-600">{t("subheading", { product: tc("productName") })}</p>
          <SignInForm
            callbackUrl={first(params.callbackUrl)}
            initialError={first(params.error)}
            demo={demoPassword ? { accounts: DEMO_ACCOUNTS, password: demoPassword } : null}
          />
        </div>
        <p className="mt-4 text-center text-xs text-zinc-500">{tc("productTagline")}</p>
      </div>
    </PageMessages>
  );
}
