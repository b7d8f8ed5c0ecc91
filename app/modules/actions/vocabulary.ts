/** The words of connection actions: groups and rhythms, as people read them. Browser-safe. */

export const actionGroupLabels = {
  connect: "Connect",
  move: "Move",
  reflect: "Reflect",
  give: "Give",
  learn: "Learn",
} as const;

export type ActionGroup = keyof typeof actionGroupLabels;
export const actionGroupKeys = Object.keys(actionGroupLabels) as [ActionGroup, ...ActionGroup[]];

export const rhythmLabels = {
  once: "Once",
  daily: "Every day",
  weekly: "Some days each week",
} as const;

export const rhythmKeys = Object.keys(rhythmLabels) as [keyof typeof rhythmLabels, ...(keyof typeof rhythmLabels)[]];

export const outcomeLabels = {
  done: "I did it",
  not_this_time: "Not this time",
} as const;
