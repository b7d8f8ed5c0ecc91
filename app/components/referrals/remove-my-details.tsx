import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { CheckboxField } from "~/components/forms/checkbox-field";
import { useSchemaForm } from "~/components/forms/use-schema-form";
import { personActionSchema } from "~/modules/referrals";

/** What the person's pages reply after a post: the remove-details step reads its own reply from it. */
export interface PersonPageReply {
  ok: boolean;
  message: string;
  intent?: string;
  /** Conform's reply, so a form's field errors show next to the field. */
  result?: SubmissionResult<string[]>;
}

/**
 * "Remove my details", the same on every page a person's private link opens
 * on (their referral, or their actions when they were given actions only).
 * It posts to the page it is on, so it works without JavaScript.
 */
export function RemoveMyDetails({ result }: { result: PersonPageReply | null }) {
  const navigation = useNavigation();
  const mine = result?.intent === "remove-details";
  const [form, fields] = useSchemaForm(personActionSchema, { id: "remove-details", lastResult: mine ? result?.result : undefined, shouldValidate: "onSubmit" });
  return (
    <section className="remove-details" aria-labelledby="remove-details-heading">
      <h2 id="remove-details-heading">Remove my details</h2>
      <p>You can ask us to remove your details from Linkway. If you do:</p>
      <ul>
        <li>your name, email address, phone number and any notes about you are deleted;</li>
        <li>any places you have booked are cancelled and offered to someone else;</li>
        <li>the organiser, and whoever referred you, are told that your referral has ended;</li>
        <li>we keep a record of which sessions you went to and your answers to the wellbeing questions, without your name, so we can learn whether activities like this help people;</li>
        <li>this link stops working.</li>
      </ul>
      <p>
        <strong>This cannot be undone.</strong>
      </p>
      {mine && result && !result.ok && !result.result && (
        <div className="notice warn" role="alert">
          <p>{result.message}</p>
        </div>
      )}
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="remove-details" />
        <CheckboxField meta={fields.understood}>I understand my details will be removed and this cannot be undone</CheckboxField>
        <button type="submit" className="danger" disabled={navigation.state === "submitting"}>
          Remove my details
        </button>
      </Form>
    </section>
  );
}

/** The page after the details are gone: the link no longer opens anything, so the reply says what happened. */
export function DetailsRemoved() {
  return (
    <div className="container narrow person-page">
      <h1>Your details have been removed</h1>
      <div className="notice" role="status">
        <p>We have deleted your name and contact details. Any places you had booked are cancelled, and the organiser (and whoever referred you) has been told.</p>
      </div>
      <p>This link no longer works. You can close this page.</p>
      <p>If you would like to take part again, please contact the person who referred you, or the organiser of the activity.</p>
    </div>
  );
}
