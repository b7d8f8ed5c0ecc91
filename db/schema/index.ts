export * from "./accounts";
export * from "./organisations";
export * from "./activities";
export * from "./referrals";
export * from "./bookings";
export * from "./outcomes";
export * from "./notifications";
export * from "./search";
