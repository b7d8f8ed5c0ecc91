import type { HeadersFunction } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { SHARED_PAGE_CACHE_CONTROL } from "~/utils/private-caching.server";

/** The same for every signed-out visitor: a shared cache may keep it a few seconds (decision 106). */
export const headers: HeadersFunction = () => ({ "Cache-Control": SHARED_PAGE_CACHE_CONTROL });

export default function Home() {
  return (
    <>
      <section className="hero">
        <div className="container narrow">
          <h1>Find something good to do, near you</h1>
          <p className="lead">
            Walking groups, gardening, choirs, craft circles, peer support, and practical help with money and work.
            Most are free. Everyone is welcome.
          </p>
          <Form method="get" action="/search" role="search" className="home-search">
            <div className="field">
              <label htmlFor="home-q">What would you like to do?</label>
              <span className="hint" id="home-q-hint">
                For example: walking, singing, gardening, debt advice
              </span>
              <input id="home-q" name="q" type="search" aria-describedby="home-q-hint" />
            </div>
            <div className="field">
              <label htmlFor="home-near">Near</label>
              <span className="hint" id="home-near-hint">
                A town or postcode, for example LS6 3AB
              </span>
              <input id="home-near" name="near" type="text" autoComplete="postal-code" aria-describedby="home-near-hint" />
            </div>
            <button type="submit">Search</button>
          </Form>
          <p>
            <Link to="/search">Or browse all activities</Link>
          </p>
        </div>
      </section>
      <div className="container">
        <h2>How Linkway helps</h2>
        <div className="three-up">
          <section aria-labelledby="for-people">
            <h3 id="for-people">If you have been referred</h3>
            <p>
              Your GP, nurse or link worker can send you a private link. Open it to choose a session, book a place,
              add it to your calendar and get a reminder. You do not need an account. You can also find an open
              activity yourself and ask for a place.
            </p>
          </section>
          <section aria-labelledby="for-referrers">
            <h3 id="for-referrers">If you refer people</h3>
            <p>
              Search for activities near the person by distance, day, cost and access needs, and refer them with
              their consent. You will see whether they booked and went, and how they feel before and after, and be
              told if a referral stalls.
            </p>
          </section>
          <section aria-labelledby="for-organisers">
            <h3 id="for-organisers">If you run an activity</h3>
            <p>
              Publish your group once and your sessions follow from the schedule. See who is coming, confirm who
              came in one tap, and show the difference your group makes.
            </p>
          </section>
        </div>
      </div>
    </>
  );
}
