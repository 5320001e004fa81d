CREATE TABLE "activity_chain" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"activity_id" bigint NOT NULL,
	"hash" text NOT NULL,
	"chained_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_chain_activityId_unique" UNIQUE("activity_id")
);
--> statement-breakpoint
ALTER TABLE "activity_chain" ADD CONSTRAINT "activity_chain_activity_id_activity_log_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activity_log"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_chain_chained_at_idx" ON "activity_chain" USING btree ("chained_at");