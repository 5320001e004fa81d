CREATE TABLE "activity_chain" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"activity_id" bigint NOT NULL,
	"hash" text NOT NULL,
	"chained_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_chain_activityId_unique" UNIQUE("activity_id")
);
--> statement-breakpoint
CREATE INDEX "activity_chain_chained_at_idx" ON "activity_chain" USING btree ("chained_at");