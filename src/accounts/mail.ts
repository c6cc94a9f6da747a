/** Account mail (reset links, invitations): sent through SMTP_URL when configured, otherwise written to the server log. */
import type { AppContext } from '../context.js';

/** Where a mail that could not be sent is written instead: the request's logger (pino) fits. */
export interface MailLog {
  info(details: object, message: string): void;
}

export interface AccountMail {
  to: string;
  subject: string;
  text: string;
}

/** Sends a message, or logs it when no SMTP server is configured; returns how it went out. */
export async function sendAccountMail(ctx: AppContext, log: MailLog, mail: AccountMail): Promise<'sent' | 'logged'> {
  if (!ctx.config.smtpUrl) {
    log.info({ to: mail.to, subject: mail.subject }, `No SMTP_URL configured; this mail was not sent:\n${mail.text}`);
    return 'logged';
  }
  // Loaded on first use: most processes never send mail.
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport(ctx.config.smtpUrl);
  try {
    await transport.sendMail({ from: ctx.config.mailFrom, to: mail.to, subject: mail.subject, text: mail.text });
    return 'sent';
  } finally {
    transport.close();
  }
}

export function resetMail(siteTitle: string, link: string, to: string): AccountMail {
  return {
    to,
    subject: `Reset your ${siteTitle} newsroom password`,
    text: [
      `Someone asked to reset the password for ${to} in the ${siteTitle} newsroom.`,
      '',
      'To choose a new password, open this link within two hours:',
      link,
      '',
      'If it was not you, ignore this message: your password stays as it is.',
    ].join('\n'),
  };
}

export function invitationMail(siteTitle: string, link: string, to: string, inviter: string, role: string): AccountMail {
  return {
    to,
    subject: `You are invited to the ${siteTitle} newsroom`,
    text: [
      `${inviter} invited you to join the ${siteTitle} newsroom as ${role === 'admin' || role === 'author' || role === 'editor' ? 'an' : 'a'} ${role}.`,
      '',
      'To accept, open this link within seven days, then choose your name and a password:',
      link,
    ].join('\n'),
  };
}
