import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { requireAdmin } from "~/modules/accounts/index.server";

export const meta: MetaFunction = () => [{ title: "Administration — Linkway" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return null;
}

export default function AdminHome() {
  return (
    <div className="container">
      <h1>Administration</h1>
      <ul className="three-up admin-links">
        <li className="card">
          <h2>
            <Link to="/admin/audit">Audit log</Link>
          </h2>
          <p>Sign-ins, password and two-step changes, role changes and refused access, with who, where from and when.</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/admin/users">People</Link>
          </h2>
          <p>Find accounts, and choose who else can administer Linkway.</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/admin/categories">Categories</Link>
          </h2>
          <p>The kinds of activity people can search for.</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/admin/actions">Connection actions</Link>
          </h2>
          <p>The library of small things referrers can suggest between sessions, like calling a friend or a short walk.</p>
          </li>
          <li className="card">
            <h2>
            <Link to="/admin/background">Background work</Link>
          </h2>
          <p>Whether the workers are running, emails waiting or given up on, and jobs that are failing.</p>
        </li>
      </ul>
    </div>
  );
}
