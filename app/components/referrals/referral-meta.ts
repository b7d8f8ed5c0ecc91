import type { MetaDescriptor } from "@remix-run/node";

/** The head of a page about one referral: its reference in the title, and kept out of search engines. */
export function referralPageMeta(code: string | undefined): MetaDescriptor[] {
  return [{ title: code ? `Referral ${code} — Linkway` : "Referral — Linkway" }, { name: "robots", content: "noindex" }];
}
