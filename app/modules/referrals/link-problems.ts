/** What the person is told when their private link does not work. Browser-safe. */
export const linkProblemMessages = {
  expired: "This link has stopped working. Please contact the person who referred you, or the organiser of the activity, and they can help.",
  ended:
    "This link has stopped working because the personal details it was for have been removed. If you would like to take part again, please contact the person who referred you, or the organiser of the activity.",
  invalid: "We could not find this link. Check it was copied in full, or contact the person who referred you.",
} as const;
