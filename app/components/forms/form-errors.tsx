/** Errors about the whole form (wrong password, too many attempts), announced and shown above its fields. */
export function FormErrors({ id, errors }: { id?: string; errors?: string[] | null }) {
  if (!errors?.length) return null;
  return (
    <div className="error-summary" role="alert" id={id}>
      {errors.map((e) => (
        <p key={e}>{e}</p>
      ))}
    </div>
  );
}
