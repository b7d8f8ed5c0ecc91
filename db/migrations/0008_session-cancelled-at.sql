ALTER TABLE "sessions" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
-- Hand-written: sessions cancelled before this column existed. The cancellation job stamps the session's
-- updated_at with the same time as the bookings it cancels, so reinstating one finds those bookings.
UPDATE "sessions" SET "cancelled_at" = "updated_at" WHERE "status" = 'cancelled';
