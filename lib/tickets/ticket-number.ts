// Ticket numbers as people write them: INC-1042, TASK-2001. Pure, so forms in the
// browser can use it too.

/** INC-1042. */
export function ticketNumberLabel(prefix: string, number: number): string {
  return `${prefix}-${number}`;
}

/** Accepts "INC-1042", "inc-1042" or "1042" (with the kind's own prefix). */
export function parseTicketNumber(prefix: string, value: string): number | undefined {
  const match = new RegExp(`^(?:${prefix}-)?(\\d{1,9})$`, 'i').exec(value.trim());
  return match ? Number(match[1]) : undefined;
}
