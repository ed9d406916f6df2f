"use client";

import { useQuery } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { safeCallbackPath } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/form-controls";
import { AlertIcon, InfoIcon } from "@/components/ui/icons";
import { credentialsErrorKind, signInErrorKind, type SignInErrorKind } from "@/components/auth/sign-in-errors";

export interface DemoAccount {
  email: string;
  role: "admin" | "deployer" | "viewer";
}

interface Fields {
  email: string;
  password: string;
}

interface ClientProvider {
  id: string;
  name: string;
  type: string;
}

/** GET /api/auth/providers (served by next-auth): which sign-in methods exist, and the OIDC display name. */
async function fetchProviders(): Promise<ClientProvider[]> {
  const res = await fetch("/api/auth/providers", { headers: { Accept: "application/json" }, cache: "no-store" });
  if (!res.ok) return [];
  const body = (await res.json()) as Record<string, ClientProvider> | null;
  return Object.values(body ?? {});
}

/** E-mail and password, the team's OIDC provider when configured, and the demo accounts in demo mode. */
export function SignInForm({
  callbackUrl,
  initialError,
  demo,
}: {
  /** As given in the URL; reduced to a path of this console before use. */
  callbackUrl: string | null;
  /** `?error=` after a provider round trip. */
  initialError: string | null;
  demo: { accounts: DemoAccount[]; password: string } | null;
}) {
  const t = useTranslations("auth");
  const uid = useId();
  const [error, setError] = useState<SignInErrorKind | null>(() => signInErrorKind(initialError));
  const [leaving, setLeaving] = useState<string | null>(null);
  const form = useForm<Fields>({ defaultValues: { email: "", password: "" } });
  const { errors, isSubmitting } = form.formState;
  const providers = useQuery({ queryKey: ["auth", "providers"], queryFn: fetchProviders, staleTime: Infinity });
  const external = (providers.data ?? []).filter((p) => p.id !== "credentials" && p.type !== "credentials");

  const target = () => safeCallbackPath(callbackUrl, window.location.origin);

  const onSubmit = async ({ email, password }: Fields) => {
    setError(null);
    let code: string | null;
    try {
      const res = await signIn("credentials", { email, password, redirect: false, callbackUrl: target() });
      code = res ? (res.error ?? null) : "failed";
    } catch {
      code = "failed";
    }
    if (code) {
      setError(code === "failed" ? "failed" : credentialsErrorKind(code));
      form.setValue("password", "");
      form.setFocus("password");
      return;
    }
    setLeaving("credentials");
    // A full navigation: the server renders the first page with the new session cookie.
    window.location.assign(target());
  };

  const busy = isSubmitting || leaving !== null;

  return (
    <div className="space-y-5">
      {error && (
        <p
          role="alert"
          data-testid="signin-error"
          data-kind={error}
          className="flex gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900"
        >
          <AlertIcon className="mt-0.5 shrink-0 text-red-600" />
          {t(`errors.${error}`)}
        </p>
      )}

      <form noValidate onSubmit={(e) => void form.handleSubmit(onSubmit)(e)} className="space-y-4" aria-label={t("formLabel")}>
        <div>
          <Label htmlFor={`${uid}-email`}>{t("email")}</Label>
          <Input
            id={`${uid}-email`}
            data-testid="signin-email"
            type="email"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
            invalid={Boolean(errors.email)}
            aria-describedby={errors.email ? `${uid}-email-error` : undefined}
            {...form.register("email", {
              required: t("emailRequired"),
              pattern: { value: /^[^\s@]+@[^\s@]+$/, message: t("emailInvalid") },
            })}
          />
          {errors.email && (
            <p id={`${uid}-email-error`} className="mt-1 text-xs text-red-700">
              {errors.email.message}
            </p>
          )}
        </div>
        <div>
          <Label htmlFor={`${uid}-password`}>{t("password")}</Label>
          <Input
            id={`${uid}-password`}
            data-testid="signin-password"
            type="password"
            autoComplete="current-password"
            invalid={Boolean(errors.password)}
            aria-describedby={errors.password ? `${uid}-password-error` : undefined}
            {...form.register("password", { required: t("passwordRequired") })}
          />
          {errors.password && (
            <p id={`${uid}-password-error`} className="mt-1 text-xs text-red-700">
              {errors.password.message}
            </p>
          )}
        </div>
        <Button
          type="submit"
          variant="primary"
          data-testid="signin-submit"
          className="w-full"
          pending={isSubmitting || leaving === "credentials"}
          disabled={busy}
        >
          {isSubmitting ? t("signingIn") : t("submit")}
        </Button>
      </form>

      {external.length > 0 && (
        <div className="space-y-3">
          <div className="flex items-center gap-3 text-xs text-zinc-500" aria-hidden="true">
            <span className="h-px flex-1 bg-zinc-200" />
            {t("or")}
            <span className="h-px flex-1 bg-zinc-200" />
          </div>
          {external.map((p) => (
            <Button
              key={p.id}
              data-testid={p.id === "oidc" ? "signin-oidc" : `signin-${p.id}`}
              className="w-full"
              pending={leaving === p.id}
              disabled={busy}
              onClick={() => {
                setError(null);
                setLeaving(p.id);
                void signIn(p.id, { callbackUrl: target() }).catch(() => {
                  setLeaving(null);
                  setError("providerFailed");
                });
              }}
            >
              {t("withProvider", { provider: p.name })}
            </Button>
          ))}
        </div>
      )}

      {demo && (
        <section
          data-testid="signin-demo"
          aria-labelledby={`${uid}-demo`}
          className="rounded-md border border-sky-200 bg-sky-50 px-3 py-3 text-sm text-sky-950"
        >
          <h2 id={`${uid}-demo`} className="flex items-center gap-1.5 font-medium">
            <InfoIcon className="text-sky-600" />
            {t("demoTitle")}
          </h2>
          <p className="mt-1 text-xs text-sky-900">{t("demoBody")}</p>
          <ul className="mt-2 space-y-1">
            {demo.accounts.map((a) => (
              <li key={a.email}>
                <button
                  type="button"
                  data-testid="signin-demo-account"
                  data-email={a.email}
                  disabled={busy}
                  onClick={() => {
                    form.setValue("email", a.email, { shouldValidate: form.formState.isSubmitted });
                    form.setValue("password", demo.password, { shouldValidate: form.formState.isSubmitted });
                    form.setFocus("password");
                  }}
                  className="flex w-full items-center justify-between gap-2 rounded px-2 py-1 text-left hover:bg-sky-100 focus-visible:outline-2 focus-visible:outline-blue-600 disabled:opacity-60"
                  aria-label={t("demoUse", { email: a.email, role: t(`demoRoles.${a.role}`) })}
                >
                  <span className="font-mono text-xs">{a.email}</span>
                  <span className="text-xs text-sky-800">{t(`demoRoles.${a.role}`)}</span>
                </button>
              </li>
            ))}
          </ul>
          <p className="mt-2 text-xs text-sky-900" data-testid="signin-demo-password">
            {t("demoPassword")} <code className="rounded bg-white/70 px-1 font-mono">{demo.password}</code>
          </p>
        </section>
      )}
    </div>
  );
}
