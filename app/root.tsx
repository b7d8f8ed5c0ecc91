import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { env } from "~/utils/env.server";
import { getCurrentUser, listMemberships } from "~/modules/accounts/index.server";
import { postcodeCredits } from "~/modules/places/index.server";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { SiteFooter, SiteHeader, type HeaderUser } from "~/components/layout/site-chrome";
import { ErrorPage } from "~/components/layout/error-page";
import { useNonce } from "~/utils/nonce";
import { useIsPrivatePage } from "~/utils/viewer";
import appStyles from "~/styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: "Linkway — community activities for wellbeing" },
  {
    name: "description",
    content:
      "Find walking groups, gardening, choirs, peer support and practical help near you, and be referred by your GP or link worker.",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const e = env();
  const current = await getCurrentUser(request);
  // Only what the header needs: never emails, ids or anything about other people.
  const user: HeaderUser | null = current
    ? {
        name: current.user.name,
        isAdmin: current.user.isAdmin,
        isCommissioner: current.user.isCommissioner,
        kinds: [...new Set((await listMemberships(current.user.id)).map((m) => m.kind))],
      }
    : null;
  return { mapConfig: { tileUrl: e.TILE_URL, tileAttribution: e.TILE_ATTRIBUTION }, user, postcodeCredits: await postcodeCredits() };
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  const privatePage = useIsPrivatePage();
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to main content
        </a>
        <SiteHeader user={data?.user ?? null} private={privatePage} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter postcodeCredits={data?.postcodeCredits ?? []} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    return <ErrorPage status={error.status} message={typeof error.data === "string" ? error.data : undefined} />;
  }
  return <ErrorPage status={500} />;
}
