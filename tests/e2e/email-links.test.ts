import { randomBytes } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/db/client';
import {
  eventTriggers,
  passwordTokens,
  taskSchedules,
  users,
  type OutboxRow,
  type User,
} from '@/db/schema';
import { createEmailDeliverer, type EmailPayload } from '@/lib/email/deliver-email';
import { mailConfigFromEnv, type MailConfig } from '@/lib/email/mail-config';
import { TEMPLATES, type TemplateName } from '@/lib/email/templates';
import type { OutgoingEmail } from '@/lib/email/transport';
import { parseEnv, workerEnvSchema } from '@/lib/env';
import { createIncident } from '@/lib/incidents/create-incident';
import { createTask } from '@/lib/tasks/create-task';
import { createUser } from '@/lib/users/create-user';
import { settleAccessibilityScans } from '../support/axe';
import { launchBrowser } from '../support/browser';
import { actorOf } from '../support/ticket-fixtures';

// Every link in every email, rendered as the worker renders it with VIGIL_PUBLIC_URL unset and
// the app on a port that is not 3000, opens a page (200) for the person the email went to,
// after they sign in from that very link.

const appUrl = inject('appUrl');
const port = new URL(appUrl).port;
const run = randomBytes(4).toString('hex');

type Recipient = { user: Pick<User, 'email'>; password?: string };

describe('links in emails', () => {
  let db: Db;
  let browser: Browser;
  let mail: MailConfig;
  let analyst: Recipient & { user: User };
  let admin: Recipient & { user: User };
  let invitee: Recipient & { user: User };
  let cases: Record<TemplateName, { payload: EmailPayload; recipient: Recipient }>;

  beforeAll(async () => {
    db = createDb(inject('appDatabaseUrl'), { max: 2 });
    browser = await launchBrowser();
    // The worker's own configuration path, from the environment it would get: no
    // VIGIL_PUBLIC_URL, no AUTH_URL, the web server's PORT.
    mail = mailConfigFromEnv(
      parseEnv(workerEnvSchema, {
        DATABASE_URL: inject('appDatabaseUrl'),
        REDIS_URL: 'redis://127.0.0.1:6379',
        AUTH_SECRET: inject('appAuthSecret'),
        PORT: port,
      }),
    );

    const [adminUser] = await db
      .select()
      .from(users)
      .where(eq(users.email, inject('adminEmail')));
    admin = { user: adminUser, password: inject('adminPassword') };
    const password = `Links-${randomBytes(12).toString('base64url')}`;
    const created = await createUser(db, actorOf(adminUser), {
      email: `email-links-${run}@bank.test`,
      name: `Email Links ${run}`,
      role: 'user',
      timeZone: 'America/Chicago',
      password,
      invite: false,
    });
    const analystUser = created.user;
    analyst = { user: analystUser, password };
    const invited = await createUser(db, actorOf(adminUser), {
      email: `email-links-invited-${run}@bank.test`,
      name: `Invited ${run}`,
      role: 'user',
    });
    const inviteeUser = invited.user;
    invitee = { user: inviteeUser };
    const [token] = await db
      .select({ id: passwordTokens.id })
      .from(passwordTokens)
      .where(eq(passwordTokens.userId, inviteeUser.id))
      .orderBy(desc(passwordTokens.createdAt))
      .limit(1);

    const owner = `user:${analystUser.id}`;
    const { incident } = await createIncident(db, actorOf(adminUser), {
      title: `Email links incident ${run}`,
      severity: 'medium',
      owner,
    });
    const { task } = await createTask(db, actorOf(adminUser), {
      title: `Email links task ${run}`,
      owner,
    });
    const [schedule] = await db.select().from(taskSchedules).limit(1);
    const [trigger] = await db.select().from(eventTriggers).limit(1);
    expect(schedule && trigger, 'the demo has a schedule and a trigger').toBeTruthy();

    const pub = mail.publicUrl;
    const incidentItem = {
      reference: `INC-${incident.number}`,
      title: incident.title,
      url: `${pub}/incidents/${incident.number}`,
      state: 'Triage',
      severity: 'Medium',
      owner: analystUser.name,
    };
    const taskItem = {
      reference: `TASK-${task.number}`,
      title: task.title,
      url: `${pub}/tasks/${task.number}`,
      state: 'Open',
      owner: analystUser.name,
    };
    const muteIncident = {
      userId: analystUser.id,
      entityType: 'incident' as const,
      entityId: incident.id,
    };
    const muteTask = { userId: analystUser.id, entityType: 'task' as const, entityId: task.id };
    // Each template's preview props are its realistic wording; the links are this run's.
    const preview = (name: TemplateName) => {
      const props = (TEMPLATES[name].component as unknown as { PreviewProps: object })
        .PreviewProps as Record<string, unknown>;
      const { unsubscribeUrl: _signedBySender, ...rest } = props;
      return rest;
    };
    const about = (name: TemplateName, kind: 'incident' | 'task') => ({
      recipient: analyst,
      payload: {
        template: name,
        to: analystUser.email,
        props: { ...preview(name), item: kind === 'incident' ? incidentItem : taskItem },
        mute: kind === 'incident' ? muteIncident : muteTask,
      },
    });
    const scheduleNotice = (name: TemplateName) => ({
      recipient: admin,
      payload: {
        template: name,
        to: adminUser.email,
        props: { ...preview(name), scheduleId: schedule.id, scheduleName: schedule.name },
        appPath: `/schedules/${schedule.id}`,
      },
    });
    const noticeClock = (name: TemplateName) => ({
      recipient: analyst,
      payload: {
        template: name,
        to: analystUser.email,
        props: { ...preview(name), reference: incidentItem.reference, title: incident.title },
        appPath: `/incidents/${incident.number}`,
      },
    });
    const accountEmail = (name: TemplateName) => ({
      recipient: invitee,
      payload: {
        template: name,
        to: inviteeUser.email,
        props: { ...preview(name), name: inviteeUser.name, email: inviteeUser.email },
        passwordLink: { tokenId: token.id },
      },
    });

    cases = {
      'incident-opened': about('incident-opened', 'incident'),
      'incident-updated': about('incident-updated', 'incident'),
      'incident-closed': about('incident-closed', 'incident'),
      'response-at-risk': about('response-at-risk', 'incident'),
      'response-breached': about('response-breached', 'incident'),
      'task-opened': about('task-opened', 'task'),
      'task-updated': about('task-updated', 'task'),
      'task-closed': about('task-closed', 'task'),
      'task-assigned': about('task-assigned', 'task'),
      'task-due-tomorrow': about('task-due-tomorrow', 'task'),
      'task-overdue': about('task-overdue', 'task'),
      'daily-digest': {
        recipient: analyst,
        payload: {
          template: 'daily-digest',
          to: analystUser.email,
          props: {
            ...preview('daily-digest'),
            groups: [
              { ...incidentItem, lines: ['09:14 Email Links opened it'] },
              { ...taskItem, lines: ['10:02 Response target at risk'] },
            ],
            preferencesUrl: `${pub}/settings/profile`,
          },
        },
      },
      'account-invitation': accountEmail('account-invitation'),
      'password-reset': accountEmail('password-reset'),
      'periods-missed': scheduleNotice('periods-missed'),
      'owner-fallback': scheduleNotice('owner-fallback'),
      'trigger-failed': {
        recipient: admin,
        payload: {
          template: 'trigger-failed',
          to: adminUser.email,
          props: { ...preview('trigger-failed'), triggerId: trigger.id, triggerName: trigger.name },
          appPath: `/triggers/${trigger.id}`,
        },
      },
      'notice-deadline-approaching': noticeClock('notice-deadline-approaching'),
      'notice-deadline-missed': noticeClock('notice-deadline-missed'),
      'audit-anchor': {
        recipient: admin,
        payload: {
          template: 'audit-anchor',
          to: adminUser.email,
          props: preview('audit-anchor'),
          appPath: '/dashboard',
        },
      },
      'second-factor-reset': {
        recipient: analyst,
        payload: {
          template: 'second-factor-reset',
          to: analystUser.email,
          props: { ...preview('second-factor-reset'), name: analystUser.name },
          appPath: '/two-factor',
        },
      },
    };
  });

  afterAll(async () => {
    await browser?.close();
    await db?.close();
  });

  /** The email as the worker sends it: its deliverer, its render, its signed links. */
  async function send(payload: EmailPayload, id: number): Promise<OutgoingEmail> {
    const sent: OutgoingEmail[] = [];
    const deliver = createEmailDeliverer(
      mail,
      {
        name: 'dev-mailbox',
        send: async (email) => void sent.push(email),
        close: async () => {},
      },
      'Vigil <vigil@bank.test>',
    );
    await deliver({ id, createdAt: new Date(), payload } as unknown as OutboxRow);
    return sent[0];
  }

  const hrefs = (html: string) => [
    ...new Set([...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1].replaceAll('&amp;', '&'))),
  ];

  async function signInFromLink(context: BrowserContext, link: string, who: Recipient) {
    const page = await context.newPage();
    const target = new URL(link);
    await page.goto(link);
    // Signed out, the link leads to sign-in, which knows where to come back to.
    const signIn = new URL(page.url());
    expect(signIn.pathname, link).toBe('/sign-in');
    expect(signIn.searchParams.get('callbackUrl')).toBe(`${target.pathname}${target.search}`);
    await page.getByLabel('Email address').fill(who.user.email);
    await page.getByLabel('Password').fill(who.password!);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(link);
    return page;
  }

  it('point at the port the app runs on when VIGIL_PUBLIC_URL is unset', () => {
    expect(port).not.toBe('3000');
    expect(mail.publicUrl).toBe(`http://localhost:${port}`);
  });

  it('every link in every template opens a page for its recipient', async () => {
    const names = Object.keys(TEMPLATES) as TemplateName[];
    expect(Object.keys(cases).sort()).toEqual([...names].sort());
    const byRecipient = new Map<Recipient, Set<string>>();
    let id = 1;
    for (const name of names) {
      const { payload, recipient } = cases[name];
      const email = await send(payload, id++);
      const links = hrefs(email.html);
      expect(links.length, name).toBeGreaterThan(0);
      for (const link of links) {
        expect(link, `${name}: ${link}`).toMatch(new RegExp(`^${mail.publicUrl}/`));
        // The text part carries the same links, each once.
        expect(email.text.split(link).length - 1, `${name} text: ${link}`).toBe(1);
      }
      const set = byRecipient.get(recipient) ?? new Set<string>();
      links.forEach((l) => set.add(l));
      byRecipient.set(recipient, set);
    }

    for (const [recipient, links] of byRecipient) {
      const context = await browser.newContext();
      try {
        let page: Page;
        const signedOut = [...links].filter((l) => /\/(set-password|unsubscribe)\?/.test(l));
        const needsSignIn = [...links].filter((l) => !signedOut.includes(l));
        if (needsSignIn.length) page = await signInFromLink(context, needsSignIn[0], recipient);
        else page = await context.newPage();
        for (const link of [...needsSignIn, ...signedOut]) {
          const response = await page.goto(link);
          expect(response?.status(), `${recipient.user.email}: ${link}`).toBe(200);
          expect(page.url(), link).toBe(link);
          // Each page is checked whole by axe before the next replaces it.
          await settleAccessibilityScans();
        }
      } finally {
        await context.close();
      }
    }
  });
});

describe('signing in from a link', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  for (const evil of ['//evil.example', 'https://evil.example', '/\\evil.example']) {
    it(`lands on the dashboard, not at ${evil}`, async () => {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(`${appUrl}/sign-in?callbackUrl=${encodeURIComponent(evil)}`);
        await page.getByLabel('Email address').fill(inject('adminEmail'));
        await page.getByLabel('Password').fill(inject('adminPassword'));
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL(`${appUrl}/dashboard`);
        // Signed in already, the sign-in page redirects too: still not away.
        await page.goto(`${appUrl}/sign-in?callbackUrl=${encodeURIComponent(evil)}`);
        expect(page.url()).toBe(`${appUrl}/dashboard`);
      } finally {
        await context.close();
      }
    });
  }
});
