/** Block Kit action ids of the app's buttons. */
export const ACTION = {
  confirm: 'perf_confirm',
  cancel: 'perf_cancel',
  openCheckIn: 'perf_open_checkin',
  /** One option of a numbered choice (`value`: the answer, as if typed). */
  choose: 'perf_choose',
} as const;
