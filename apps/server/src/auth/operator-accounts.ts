import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ErrorReason, type OperatorRole } from '@cadastro/contracts';
import type { OperatorItem, OperatorRepository } from '@cadastro/db';
import { AppError } from '../errors.ts';
import type { PasswordHasher } from '../passwords.ts';
import type { SessionManager } from '../sessions/sessions.ts';

/** How long an invitation or reset link works. */
const LINK_LIFETIME_MS = 72 * 3_600_000;
/** The SPA page that takes the token from its fragment: the fragment never reaches a server or its logs. */
const LINK_PATH = '/admin/convite#';

export interface OperatorAccountDeps {
  operators: OperatorRepository;
  passwords: PasswordHasher;
  sessions: SessionManager;
  /** Admins must enrol an authenticator before anything else (the default); a deployment may relax it. */
  adminTotp: 'required' | 'optional';
}

/** TOTP (otpauth) loaded when an operator first uses a code: a chunk of its own in the release. */
const totp = () => import('./totp.ts');
const digest = (secret: string) => createHash('sha256').update(secret).digest('base64url');
const invitationInvalid = () =>
  new AppError('BAD_REQUEST', ErrorReason.INVITATION_INVALID, 'The link is unknown, used or expired');

/**
 * Operator accounts: invitations and resets by single-use links (only a hash of their secret is stored), the
 * password and the authenticator of each operator, and roles and status with the last active admin protected.
 */
export function createOperatorAccounts(deps: OperatorAccountDeps) {
  const { operators, passwords, sessions } = deps;

  /** A link for `operator` and the fields that arm it; a new link replaces the previous one. */
  function newLink(operatorId: string, now: Date) {
    const secret = randomBytes(32).toString('base64url');
    return {
      link: `${LINK_PATH}${operatorId}.${secret}`,
      fields: {
        setupTokenHash: digest(secret),
        setupTokenExpiresAt: new Date(now.getTime() + LINK_LIFETIME_MS).toISOString(),
      },
    };
  }

  /** A password nobody knows, so an invited or reset account cannot be signed in to before its link is used. */
  const unknownPassword = () => passwords.hash(randomBytes(24).toString('base64url'));

  async function requireOperator(operatorId: string): Promise<OperatorItem> {
    const operator = await operators.getById(operatorId);
    if (!operator) throw new AppError('NOT_FOUND', ErrorReason.NOT_FOUND, 'No such operator');
    return operator;
  }

  /** Refuses a change that would leave no active admin (the company would be locked out of /admin). */
  async function keepAnAdmin(
    changing: OperatorItem,
    after: { role: OperatorRole; status: OperatorItem['status'] },
  ) {
    const stillAdmin = after.role === 'admin' && after.status === 'active';
    if (changing.role !== 'admin' || changing.status !== 'active' || stillAdmin) return;
    const others = (await operators.list()).filter(
      (o) => o.operatorId !== changing.operatorId && o.role === 'admin' && o.status === 'active',
    );
    if (others.length === 0) {
      throw new AppError('CONFLICT', ErrorReason.LAST_ADMIN, 'At least one active admin must remain');
    }
  }

  return {
    /** What must happen before anything else: a new password, or (admins) an authenticator. */
    pendingOf(operator: OperatorItem): 'password' | 'totp' | null {
      if (operator.mustChangePassword) return 'password';
      if (operator.role === 'admin' && deps.adminTotp === 'required' && !operator.totpEnabledAt)
        return 'totp';
      return null;
    },

    async invite(input: { email: string; name: string; role: OperatorRole }, now = new Date()) {
      if (await operators.getByEmail(input.email)) {
        throw new AppError('CONFLICT', ErrorReason.OPERATOR_EXISTS, 'An operator with this e-mail exists');
      }
      const created = await operators.create(
        { ...input, passwordHash: await unknownPassword(), status: 'invited' },
        now,
      );
      const { link, fields } = newLink(created.operatorId, now);
      await operators.update(created.operatorId, fields);
      return { operator: { ...created, ...fields }, link };
    },

    /** A new link to choose a password; the old password and every session stop working at once. */
    async resetPassword(operatorId: string, now = new Date()) {
      const operator = await requireOperator(operatorId);
      const { link, fields } = newLink(operatorId, now);
      await operators.update(operatorId, { ...fields, passwordHash: await unknownPassword() });
      await sessions.revokeAllOf('operator', operatorId);
      return { operator: { ...operator, ...fields }, link };
    },

    /** Uses an invitation or reset link: sets the password, activates the account, spends the link. */
    async acceptLink(token: string, password: string, now = new Date()): Promise<OperatorItem> {
      const [operatorId, secret, ...rest] = token.split('.');
      if (!operatorId || !secret || rest.length) throw invitationInvalid();
      const operator = await operators.getById(operatorId);
      const expected = operator?.setupTokenHash ? Buffer.from(operator.setupTokenHash) : null;
      const presented = Buffer.from(digest(secret));
      const valid =
        operator &&
        expected &&
        expected.length === presented.length &&
        timingSafeEqual(expected, presented) &&
        operator.status !== 'disabled' &&
        Date.parse(operator.setupTokenExpiresAt ?? '') > now.getTime();
      if (!valid || !operator) throw invitationInvalid();
      await operators.update(operatorId, {
        passwordHash: await passwords.hash(password),
        status: 'active',
        mustChangePassword: false,
        setupTokenHash: null,
        setupTokenExpiresAt: null,
      });
      return { ...operator, status: 'active', mustChangePassword: false };
    },

    async changePassword(operatorId: string, current: string, next: string) {
      const operator = await requireOperator(operatorId);
      if (!(await passwords.verify(current, operator.passwordHash))) {
        throw new AppError('BAD_REQUEST', ErrorReason.INVALID_CREDENTIALS, 'Wrong current password', {
          fieldErrors: { currentPassword: ['password_wrong'] },
        });
      }
      await operators.update(operatorId, {
        passwordHash: await passwords.hash(next),
        mustChangePassword: false,
      });
    },

    async setStatus(operatorId: string, status: 'active' | 'disabled') {
      const operator = await requireOperator(operatorId);
      if (operator.status === 'invited' && status === 'active') throw invitationInvalid();
      await keepAnAdmin(operator, { role: operator.role, status });
      await operators.update(operatorId, { status });
      if (status === 'disabled') await sessions.revokeAllOf('operator', operatorId);
    },

    async setRole(operatorId: string, role: OperatorRole) {
      const operator = await requireOperator(operatorId);
      await keepAnAdmin(operator, { role, status: operator.status });
      await operators.update(operatorId, { role });
    },

    /** Starts enrolling an authenticator: a new secret, not in force until a code confirms it. */
    async beginTotp(operatorId: string) {
      const operator = await requireOperator(operatorId);
      const enrolment = (await totp()).newTotpEnrolment(operator.email);
      await operators.update(operatorId, {
        totpSecret: enrolment.secret,
        totpEnabledAt: null,
        totpLastStep: null,
      });
      return enrolment;
    },

    async confirmTotp(operatorId: string, code: string, now = new Date()) {
      const operator = await requireOperator(operatorId);
      const step = operator.totpSecret
        ? (await totp()).totpStep(operator.totpSecret, code, now.getTime())
        : null;
      if (step === null) throw new AppError('BAD_REQUEST', ErrorReason.TOTP_INVALID, 'Wrong or expired code');
      await operators.update(operatorId, { totpEnabledAt: now.toISOString(), totpLastStep: step });
    },

    /** Sign-in's second factor: the code is right now and its step was not used before. */
    async checkSignInCode(operator: OperatorItem, code: string, now = new Date()): Promise<boolean> {
      if (!operator.totpSecret) return false;
      const step = (await totp()).totpStep(operator.totpSecret, code, now.getTime());
      return step !== null && (await operators.useTotpStep(operator.operatorId, step));
    },

    /**
     * For the instance's command line when the last admin's password (or authenticator) is lost: a generated
     * password to change at the next sign-in, the authenticator discarded, every session ended.
     */
    async resetFromInstance(email: string): Promise<{ operator: OperatorItem; password: string }> {
      const operator = await operators.getByEmail(email);
      if (!operator) throw new AppError('NOT_FOUND', ErrorReason.NOT_FOUND, `No operator ${email}`);
      const password = randomBytes(18).toString('base64url');
      await operators.update(operator.operatorId, {
        passwordHash: await passwords.hash(password),
        status: 'active',
        mustChangePassword: true,
        totpSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
      });
      await sessions.revokeAllOf('operator', operator.operatorId);
      return { operator, password };
    },
  };
}
export type OperatorAccounts = ReturnType<typeof createOperatorAccounts>;
