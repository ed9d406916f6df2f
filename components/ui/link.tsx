import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * next/link without prefetching. Every console page is dynamic (session, live cloud data) and has no loading
 * boundary, so a prefetch only brings the layout shell; yet every visible link fetched and parsed one as soon as
 * the page was idle, 30+ on the picker, which is main-thread work during start-up on a phone. A click fetches the
 * page then, which is what it needs anyway.
 */
export function Link(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />;
}
