'use client';

import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

// Matches over the range, one bar a bucket. The chart is for the eye only (hidden from screen
// readers, no focusable parts); the same numbers are in a visually hidden table beside it.

export type HistogramBucket = { start: string; count: number };

function bucketLabel(start: string, bucketSeconds: number, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions =
    bucketSeconds >= 86_400
      ? { month: 'short', day: 'numeric' }
      : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  return new Intl.DateTimeFormat('en-US', { timeZone, ...options }).format(new Date(start));
}

/** "hour", "15 minutes", "day": the width of one bar, as "per …" reads it. */
function widthLabel(bucketSeconds: number): string {
  const [n, unit] =
    bucketSeconds % 86_400 === 0
      ? [bucketSeconds / 86_400, 'day']
      : bucketSeconds % 3_600 === 0
        ? [bucketSeconds / 3_600, 'hour']
        : [Math.max(1, Math.round(bucketSeconds / 60)), 'minute'];
  return n === 1 ? unit : `${n} ${unit}s`;
}

export function EventHistogram({
  buckets,
  bucketSeconds,
  timeZone,
}: {
  buckets: HistogramBucket[];
  bucketSeconds: number;
  timeZone: string;
}) {
  const data = buckets.map((bucket) => ({
    label: bucketLabel(bucket.start, bucketSeconds, timeZone),
    count: bucket.count,
  }));
  const width = widthLabel(bucketSeconds);
  return (
    <figure className="rounded-lg border border-slate-200 bg-white px-3 pt-3 pb-1">
      <figcaption className="text-xs text-slate-600">
        Matching events per {width} ({timeZone})
      </figcaption>
      <div aria-hidden="true" className="h-36" data-testid="event-histogram">
        <ResponsiveContainer
          width="100%"
          height="100%"
          initialDimension={{ width: 800, height: 144 }}
        >
          <BarChart
            data={data}
            accessibilityLayer={false}
            margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          >
            <XAxis dataKey="label" tick={{ fontSize: 11, fill: '#475569' }} minTickGap={24} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: '#475569' }} width={40} />
            <Tooltip cursor={{ fill: '#f1f5f9' }} />
            <Bar
              dataKey="count"
              name="Events"
              fill="var(--color-brand-600)"
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="sr-only">
        <caption>
          Matching events per {width}, in {timeZone} time; periods not listed had none
        </caption>
        <thead>
          <tr>
            <th scope="col">Starting</th>
            <th scope="col">Events</th>
          </tr>
        </thead>
        <tbody>
          {buckets.map((bucket, i) =>
            bucket.count ? (
              <tr key={bucket.start}>
                <td>{data[i].label}</td>
                <td>{bucket.count}</td>
              </tr>
            ) : null,
          )}
        </tbody>
      </table>
    </figure>
  );
}
