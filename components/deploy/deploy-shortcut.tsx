"use client";

import { useTranslations } from "next-intl";
import { useEffect, type RefObject } from "react";

/** Ctrl+Enter (⌘+Enter on a Mac) anywhere on the task page: the form's Deploy, as if its button were pressed. */
export const DEPLOY_SHORTCUT = "Control+Enter Meta+Enter";

const isDeployShortcut = (e: KeyboardEvent) => e.key === "Enter" && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;

/** Submits `form` on the deploy shortcut, unless a dialog is open (the confirmation has its own keys). */
export function useDeployShortcut(form: RefObject<HTMLFormElement | null>) {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (!isDeployShortcut(e) || e.defaultPrevented || document.querySelector("dialog[open]")) return;
      e.preventDefault();
      form.current?.requestSubmit();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [form]);
}

/** The shortcut as the button shows it. */
export function ShortcutHint() {
  const t = useTranslations("deploy");
  return (
    <kbd data-testid="deploy-shortcut" className="hidden rounded border border-zinc-300 bg-white px-1.5 py-0.5 font-sans text-[11px] text-zinc-500 sm:inline">
      {t("shortcut")}
    </kbd>
  );
}

/**
 * The task page's first stop in the form, visible when focused: straight to the Deploy button, past the
 * parameter rows and the history (whose links would otherwise come first).
 */
export function SkipToDeploy({ buttonId }: { buttonId: string }) {
  const t = useTranslations("deploy");
  return (
    <button
      type="button"
      data-testid="skip-to-deploy"
      onClick={() => document.getElementById(buttonId)?.focus()}
      className="sr-only rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white focus:not-sr-only focus:inline-block focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
    >
      {t("skipToDeploy")}
    </button>
  );
}
