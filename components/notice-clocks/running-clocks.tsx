// Regulator notification clocks still running, soonest deadline first, for the dashboard.
// (Filled in by the notice clocks work; renders nothing until then.)
export async function RunningNoticeClocks(_props: { timeZone: string }) {
  return null;
}
