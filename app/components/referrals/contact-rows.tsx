/**
 * The rows of a details list that say how to reach the person (email and
 * mobile when they gave them, and how they prefer to be contacted), as
 * contactDetails() in modules/referrals/contact words them.
 */
export function ContactRows({
  contact,
  emailLink,
}: {
  contact: { email: string | null; phone: string | null; preferredContact: string };
  /** Make the address a mailto: link, for someone who is expected to write to them. */
  emailLink?: boolean;
}) {
  return (
    <>
      {contact.email && (
        <>
          <dt>Email</dt>
          <dd>{emailLink ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : contact.email}</dd>
        </>
      )}
      {contact.phone && (
        <>
          <dt>Mobile</dt>
          <dd>{contact.phone}</dd>
        </>
      )}
      <dt>Prefers</dt>
      <dd>{contact.preferredContact}</dd>
    </>
  );
}
