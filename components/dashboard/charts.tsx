'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

// The dashboard's charts are for the eye only (hidden from screen readers, nothing to focus):
// every number they draw is in the table beside or below them, with its link.

const TICK = { fontSize: 11, fill: '#475569' };
export const SEVERITY_COLOURS = {
  none: '#64748b',
  low: '#0369a1',
  medium: '#b45309',
  high: '#b91c1c',
} as const;

export function CountBars({
  data,
  name,
  testId,
}: {
  data: { label: string; value: number; colour?: string }[];
  name: string;
  testId: string;
}) {
  return (
    <div aria-hidden="true" className="h-40" data-testid={testId}>
      <ResponsiveContainer
        width="100%"
        height="100%"
        initialDimension={{ width: 400, height: 160 }}
      >
        <BarChart
          data={data}
          accessibilityLayer={false}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
        >
          <XAxis dataKey="label" tick={TICK} interval={0} />
          <YAxis allowDecimals={false} tick={TICK} width={40} />
          <Tooltip cursor={{ fill: '#f1f5f9' }} />
          <Bar
            dataKey="value"
            name={name}
            fill="var(--color-brand-600)"
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export type MonthPoint = Record<string, string | number | null>;

export function MonthLines({
  data,
  series,
  unit,
  testId,
}: {
  data: MonthPoint[];
  series: { key: string; name: string; colour: string }[];
  unit: string;
  testId: string;
}) {
  return (
    <div aria-hidden="true" className="h-56" data-testid={testId}>
      <ResponsiveContainer
        width="100%"
        height="100%"
        initialDimension={{ width: 600, height: 224 }}
      >
        <LineChart
          data={data}
          accessibilityLayer={false}
          margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
        >
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="month" tick={TICK} />
          <YAxis tick={TICK} width={48} unit={unit} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.name}
              stroke={s.colour}
              strokeWidth={2}
              dot={{ r: 2 }}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export function ShareBars({
  data,
  testId,
}: {
  data: { month: string; share: number | null }[];
  testId: string;
}) {
  return (
    <div aria-hidden="true" className="h-48" data-testid={testId}>
      <ResponsiveContainer
        width="100%"
        height="100%"
        initialDimension={{ width: 600, height: 192 }}
      >
        <BarChart
          data={data}
          accessibilityLayer={false}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
        >
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="month" tick={TICK} />
          <YAxis domain={[0, 100]} tick={TICK} width={48} unit="%" />
          <Tooltip />
          <Bar
            dataKey="share"
            name="Within target"
            fill="var(--color-brand-600)"
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
