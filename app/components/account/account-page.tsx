import type { ReactNode } from "react";
import { AccountNav } from "./account-nav";

/** A page of the account section: its heading, the section's menu beside it, then the page's own content. */
export function AccountPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="container account-page">
      <h1>{title}</h1>
      <div className="with-sidebar">
        <AccountNav />
        <div className="narrow">{children}</div>
      </div>
    </div>
  );
}
