// The notification rules Vigil ships, seeded disabled (lib/notice-clocks/sync-notice-rules.ts):
// the organization enables those that apply to it in Settings → Organization. The summaries
// are plain-words readings of the rules, not the rules; the citations say where to read them.

export type BuiltinNoticeRule = {
  builtinKey: string;
  name: string;
  notify: string;
  citation: string;
  summary: string;
  deadlineHours: number;
  clockStartsWhen: string;
};

export const BUILTIN_NOTICE_RULES: readonly BuiltinNoticeRule[] = [
  {
    builtinKey: 'occ-fed-fdic-36h',
    name: 'Computer-security incident notification (OCC, Federal Reserve, FDIC)',
    notify: 'The bank’s primary federal regulator',
    citation: '12 CFR part 53; 12 CFR 225.300–303; 12 CFR 304.21–24',
    summary:
      'A banking organization must notify its primary federal regulator of a notification incident as soon as possible and no later than 36 hours after it determines that a notification incident has occurred: a computer-security incident that has materially disrupted or degraded, or is reasonably likely to, its ability to carry out banking operations or deliver products and services to a material portion of its customers.',
    deadlineHours: 36,
    clockStartsWhen: 'the organization determines that a notification incident has occurred',
  },
  {
    builtinKey: 'bank-service-provider-4h',
    name: 'Bank service provider notice to bank customers',
    notify: 'Each affected bank customer',
    citation: '12 CFR 53.4; 12 CFR 225.303; 12 CFR 304.24',
    summary:
      'A bank service provider must notify each affected bank customer as soon as possible when it determines that a computer-security incident has materially disrupted or degraded, or is reasonably likely to materially disrupt or degrade, covered services provided to that customer for four or more hours. Vigil runs this clock for the four hours of disruption.',
    deadlineHours: 4,
    clockStartsWhen:
      'the covered services are materially disrupted or degraded (or reasonably likely to be)',
  },
  {
    builtinKey: 'ncua-748-72h',
    name: 'NCUA reportable cyber incident',
    notify: 'The NCUA',
    citation: '12 CFR 748.1(c)',
    summary:
      'A federally insured credit union must notify the NCUA as soon as possible and no later than 72 hours after it reaches a reasonable belief that it has experienced a reportable cyber incident. A notice from a third-party provider (a service provider or a vendor) that an incident affecting the credit union occurred starts the 72 hours too.',
    deadlineHours: 72,
    clockStartsWhen:
      'a reasonable belief that a reportable cyber incident occurred, or a third-party provider’s notice of one',
  },
];
