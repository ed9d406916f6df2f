import { Link } from "@/components/ui/link";
import { RocketIcon } from "@/components/ui/icons";

const brand = "flex items-center gap-2 rounded-md font-semibold text-white";

function Mark({ name, hideName }: { name: string; hideName?: boolean }) {
  return (
    <>
      <span className="flex size-7 items-center justify-center rounded-md bg-blue-600">
        <RocketIcon />
      </span>
      {/* Narrow screens show only the mark; the name stays for screen readers, so the home link keeps its name. */}
      <span className={hideName ? "sr-only sm:not-sr-only" : undefined}>{name}</span>
    </>
  );
}

/** The product mark; a link home inside the console, plain text where there is no home to go to yet. */
export function Brand({ name, href }: { name: string; href?: string }) {
  if (!href) {
    return (
      <span className={brand}>
        <Mark name={name} />
      </span>
    );
  }
  return (
    <Link href={href} className={`${brand} focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-400`}>
      <Mark name={name} hideName />
    </Link>
  );
}
