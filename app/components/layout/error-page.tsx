import { Link } from "@remix-run/react";

const copy: Record<number, { title: string; body: string }> = {
  400: { title: "Something in that request was not right", body: "Please go back and check what you entered." },
  403: { title: "You cannot see this page", body: "Your account does not have access. If you think it should, ask your organisation's owner." },
  404: { title: "We could not find that page", body: "The link may be old, or the activity may have finished." },
  409: { title: "That change could not be made", body: "Things have moved on since the page was loaded. Please go back and try again." },
  429: { title: "Too many tries", body: "Please wait a few minutes and try again." },
  500: { title: "Sorry, something went wrong on our side", body: "Please try again in a minute. If it keeps happening, contact the team who sent you the link." },
};

export function ErrorPage({ status, message }: { status: number; message?: string }) {
  const text = copy[status] ?? copy[status >= 500 ? 500 : 400];
  return (
    <div className="container narrow error-page">
      <h1>{text.title}</h1>
      <p>{message && status < 500 ? message : text.body}</p>
      <p className="muted">Error code {status}</p>
      <p>
        <Link className="button" to="/">
          Go to the home page
        </Link>{" "}
        <Link className="button secondary" to="/search">
          Find an activity
        </Link>
      </p>
    </div>
  );
}
