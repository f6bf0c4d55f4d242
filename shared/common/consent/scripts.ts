/**
 * Verbal consent scripts as versioned data (001: the acknowledgments read with the
 * client; 002: kynect resources consent by verbal acknowledgment). A wording change is
 * a new version, never an edit: each consent record names the id, version and locale it
 * was read from and the SHA-256 of the exact text shown. The versions below are the
 * built-in, seed-backed defaults; a supervisor loads the official wording as a new
 * version (shared/node/consent/scriptStore.ts), in force from its effective date.
 */
import { z } from 'zod';
import { INTERNAL_CODE } from '../texts/readable';
import { isoDate } from '../validation';

export const locales = ['en', 'es'] as const;
export type Locale = (typeof locales)[number];
export const scriptIds = ['agent-association', 'kynect-resources-partner-access'] as const;
export type ScriptId = (typeof scriptIds)[number];

/**
 * Some statements are true only for some residents: "Opt Out" is for residents with
 * kynect resources accounts (002 Q41), so the script says something else to a resident
 * without one (Q40). The rendered text, and so its hash, has only the statements read.
 */
export const scriptConditions = ['resident-has-account', 'resident-has-no-account'] as const;
export type ScriptCondition = (typeof scriptConditions)[number];

/** The values each script may name; anything else in a loaded script is refused. */
export const scriptPlaceholders: Record<ScriptId, readonly string[]> = {
  'agent-association': ['repName', 'agentName', 'agencyName', 'clientName', 'count'],
  'kynect-resources-partner-access': ['organizationName', 'clientName', 'count'],
};

const PLACEHOLDER = /\{([a-zA-Z]+)\}/g;
const text = (label: string, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} is at most ${max} characters.`);

export const ConsentScriptSchema = z
  .object({
    id: z.enum(scriptIds, { error: `The script id is one of ${scriptIds.join(', ')}.` }),
    version: z.number({ error: 'The version is a whole number.' }).int('The version is a whole number.').min(1, 'The version is 1 or more.').max(9999),
    locale: z.enum(locales, { error: 'The locale is en or es.' }),
    /** First day (YYYY-MM-DD, desk time) this version is read; until then the one before it is. */
    effectiveFrom: isoDate,
    title: text('The title', 200),
    intro: text('The introduction', 2000),
    acknowledgments: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'An acknowledgment id is lower-case letters, digits and dashes.'),
            text: text('The statement', 1000),
            onlyIf: z.enum(scriptConditions).optional(),
          })
          .strict(),
      )
      .min(1, 'A script has at least one acknowledgment.')
      .max(12, 'A script has at most 12 acknowledgments.'),
    closing: text('The closing', 1000),
    scope: text('The scope', 300),
    purpose: text('The purpose', 300),
    duration: text('The duration', 300),
    revoke: text('How to revoke', 300),
    source: text('The source', 500),
  })
  .strict()
  .superRefine((s, ctx) => {
    const allowed = new Set(scriptPlaceholders[s.id]);
    const check = (t: string, path: (string | number)[]) => {
      for (const m of t.matchAll(PLACEHOLDER)) {
        if (!allowed.has(m[1]!))
          ctx.addIssue({ code: 'custom', path, message: `{${m[1]}} is not a value this script can name (it can name ${[...allowed].map((a) => `{${a}}`).join(', ')}).` });
      }
    };
    check(s.title, ['title']);
    check(s.intro, ['intro']);
    check(s.closing, ['closing']);
    const seen = new Set<string>();
    s.acknowledgments.forEach((a, i) => {
      check(a.text, ['acknowledgments', i, 'text']);
      if (seen.has(a.id)) ctx.addIssue({ code: 'custom', path: ['acknowledgments', i, 'id'], message: `Acknowledgment "${a.id}" appears twice.` });
      seen.add(a.id);
    });
  });
export type ConsentScript = z.output<typeof ConsentScriptSchema>;

const AGENT_SOURCE_V1 = 'Agent Portal: Agent Association to Client Cases (001), Verbal Consent; Association With Clients Enrolled Through HealthCare.gov (000)';
const AGENT_SOURCE =
  'Agent Portal: Agent Association to Client Cases (001:103, the acknowledgment "confirm that {client} … permission for {agent} to serve as an Agent"); Association With Clients Enrolled Through HealthCare.gov (000:20 the client on the line, 000:22 "Agents may assist the Client as applicable")';
/** From v3 the source also names the seeds v2 cited in its scope, purpose, duration and revoke words. */
const AGENT_SOURCE_V3 = `${AGENT_SOURCE}; scope: 000, 001; purpose: 000:22; duration and revoke: not stated in 000 or 001`;
const RESOURCES_SOURCE_V1 = 'kynect resources Community Partners FAQ (002), Q22, Q37, Q38, Q41, Q42';
const RESOURCES_SOURCE =
  'kynect resources Community Partners FAQ (002): Q20 OneView, Q22 and Q42 email, text or verbal acknowledgment, Q38 Remove, Q40 an account needs email and internet, Q41 Opt Out for residents with accounts';

/**
 * Version 1 is kept so records and sessions read from it still show their exact text; it is
 * no longer offered (v2 followed): it let a third person consent "or … act for" the client,
 * whom 000 requires on the line, and told the client how to remove an Agent, which no seed says.
 * Version 2 is kept likewise for the records read from it; v3 is read from its effective date.
 */
export const builtInScripts: readonly ConsentScript[] = [
  {
    id: 'agent-association',
    version: 1,
    locale: 'en',
    effectiveFrom: '2026-01-01',
    title: 'Verbal consent: Agent association',
    intro:
      'My name is {repName} with the kynect Contact Center. {agentName} of {agencyName} is on the line and has asked to be associated with your kynect case as your Agent. I need your consent first. I will read {count} statements; please answer yes or no to each one.',
    acknowledgments: [
      { id: 'permission', text: 'You give permission for {agentName} of {agencyName} to serve as your Agent on your kynect case.' },
      {
        id: 'access',
        text: 'You understand that {agentName} will be able to see your case and application information, such as your household, income and coverage, and to act on your case to help you apply for and enroll in coverage.',
      },
      {
        id: 'revoke',
        text: 'You understand that you can remove {agentName} from your case at any time in kynect benefits, under "Reps, kynectors, and Agents", or by calling the kynect Contact Center at 1-855-459-6328.',
      },
      { id: 'identity', text: 'You confirm that you are {clientName}, or that you may act for {clientName}, and that you agree to this today.' },
    ],
    closing: 'Thank you, {clientName}. Your consent is recorded, and {agentName} is now being associated with your case.',
    scope: 'Agent association with the client case in kynect',
    purpose: 'Allow the Agent to view the case and help the client apply for and enroll in coverage',
    duration: 'Until the client removes the Agent from the case',
    revoke: 'kynect benefits, "Reps, kynectors, and Agents"; or the kynect Contact Center, 1-855-459-6328',
    source: AGENT_SOURCE_V1,
  },
  {
    id: 'agent-association',
    version: 1,
    locale: 'es',
    effectiveFrom: '2026-01-01',
    title: 'Consentimiento verbal: asociación con un Agente',
    intro:
      'Me llamo {repName} y le atiendo del Centro de Contacto de kynect. {agentName}, de {agencyName}, está en la línea y ha pedido asociarse con su caso de kynect como su Agente. Primero necesito su consentimiento. Voy a leerle {count} declaraciones; por favor responda sí o no a cada una.',
    acknowledgments: [
      { id: 'permission', text: 'Usted da permiso para que {agentName}, de {agencyName}, sea su Agente en su caso de kynect.' },
      {
        id: 'access',
        text: 'Usted entiende que {agentName} podrá ver la información de su caso y de su solicitud, como su hogar, sus ingresos y su cobertura, y actuar en su caso para ayudarle a solicitar e inscribirse en una cobertura.',
      },
      {
        id: 'revoke',
        text: 'Usted entiende que puede quitar a {agentName} de su caso en cualquier momento en kynect benefits, en la sección "Reps, kynectors, and Agents", o llamando al Centro de Contacto de kynect al 1-855-459-6328.',
      },
      { id: 'identity', text: 'Usted confirma que es {clientName}, o que puede actuar en nombre de {clientName}, y que está de acuerdo hoy.' },
    ],
    closing: 'Gracias, {clientName}. Su consentimiento quedó registrado y {agentName} se está asociando ahora con su caso.',
    scope: 'Asociación del Agente con el caso del cliente en kynect',
    purpose: 'Permitir que el Agente vea el caso y ayude al cliente a solicitar e inscribirse en una cobertura',
    duration: 'Hasta que el cliente quite al Agente de su caso',
    revoke: 'kynect benefits, "Reps, kynectors, and Agents"; o el Centro de Contacto de kynect, 1-855-459-6328',
    source: AGENT_SOURCE_V1,
  },
  {
    id: 'agent-association',
    version: 2,
    locale: 'en',
    effectiveFrom: '2026-11-01',
    title: 'Verbal consent: Agent association',
    intro:
      'My name is {repName} with the kynect Contact Center. {agentName} of {agencyName} is on the line and has asked to be associated with your case as your Agent. I need your consent first. I will read {count} statements; please answer yes or no to each one.',
    acknowledgments: [
      // 000:20: the client must be on the line, speaking for themselves.
      { id: 'identity', text: 'You confirm that you are {clientName} and that you are on this call yourself.' },
      // 001:103: "Please confirm that JOHN … permission for Maria West to serve as an Agent."
      { id: 'permission', text: 'You give permission for {agentName} to serve as an Agent on your case.' },
      // 000:22: "Once association is complete, Agents may assist the Client as applicable."
      { id: 'assist', text: 'You understand that once {agentName} is associated with your case, {agentName} may assist you as applicable.' },
    ],
    closing: 'Thank you, {clientName}. Your consent is recorded, and {agentName} is now being associated with your case.',
    scope: 'Agent association with the client case in kynect (000, 001)',
    purpose: 'So that the Agent may assist the client as applicable once associated (000)',
    duration: 'Not stated in the Agent Portal policy (000, 001)',
    revoke: 'Not stated in the Agent Portal policy (000, 001)',
    source: AGENT_SOURCE,
  },
  {
    id: 'agent-association',
    version: 2,
    locale: 'es',
    effectiveFrom: '2026-11-01',
    title: 'Consentimiento verbal: asociación con un Agente',
    intro:
      'Me llamo {repName} y le atiendo del Centro de Contacto de kynect. {agentName}, de {agencyName}, está en la línea y ha pedido asociarse con su caso como su Agente. Primero necesito su consentimiento. Voy a leerle {count} declaraciones; por favor responda sí o no a cada una.',
    acknowledgments: [
      { id: 'identity', text: 'Usted confirma que es {clientName} y que está en esta llamada personalmente.' },
      { id: 'permission', text: 'Usted da permiso para que {agentName} sea Agente en su caso.' },
      { id: 'assist', text: 'Usted entiende que, una vez que {agentName} esté asociado con su caso, {agentName} podrá ayudarle según corresponda.' },
    ],
    closing: 'Gracias, {clientName}. Su consentimiento quedó registrado y {agentName} se está asociando ahora con su caso.',
    scope: 'Asociación del Agente con el caso del cliente en kynect (000, 001)',
    purpose: 'Para que el Agente pueda ayudar al cliente según corresponda una vez asociado (000)',
    duration: 'No se indica en la política de Agent Portal (000, 001)',
    revoke: 'No se indica en la política de Agent Portal (000, 001)',
    source: AGENT_SOURCE,
  },
  {
    id: 'kynect-resources-partner-access',
    version: 1,
    locale: 'en',
    effectiveFrom: '2026-01-01',
    title: 'Verbal consent: kynect resources partner access',
    intro:
      '{organizationName} has asked to view your full record in kynect resources. You can give consent by email, by text, or by telling me now. I will read {count} statements; please answer yes or no to each one.',
    acknowledgments: [
      {
        id: 'view',
        text: 'You give {organizationName} permission to view your full record in kynect resources, including your contact information, referral history, household and program enrollments.',
      },
      { id: 'verbal', text: 'You understand that you are giving this consent by telling me, instead of answering the email or text request.' },
      {
        id: 'revoke',
        text: 'You understand that you can remove {organizationName}\'s access at any time by selecting "Remove" on the "Privacy Settings" page of kynect resources, and that you can select "Opt Out" there to stop appearing in kynect resources searches.',
      },
      { id: 'identity', text: 'You confirm that you are {clientName}.' },
    ],
    closing: 'Thank you, {clientName}. Your consent for {organizationName} is recorded.',
    scope: 'Full record (OneView) in kynect resources',
    purpose: 'Allow the community partner to view the resident record to help with referrals and support',
    duration: 'Until the resident removes the organization in Privacy Settings',
    revoke: 'kynect resources, "Privacy Settings": "Remove" for this organization; "Opt Out" to leave search results',
    source: RESOURCES_SOURCE_V1,
  },
  {
    id: 'kynect-resources-partner-access',
    version: 1,
    locale: 'es',
    effectiveFrom: '2026-01-01',
    title: 'Consentimiento verbal: acceso de un socio de kynect resources',
    intro:
      '{organizationName} ha pedido ver su expediente completo en kynect resources. Usted puede dar su consentimiento por correo electrónico, por mensaje de texto o diciéndomelo ahora. Voy a leerle {count} declaraciones; por favor responda sí o no a cada una.',
    acknowledgments: [
      {
        id: 'view',
        text: 'Usted da permiso a {organizationName} para ver su expediente completo en kynect resources, incluidos sus datos de contacto, su historial de referidos, su hogar y los programas en los que está inscrito.',
      },
      { id: 'verbal', text: 'Usted entiende que da este consentimiento diciéndomelo, en lugar de responder al correo electrónico o al mensaje de texto.' },
      {
        id: 'revoke',
        text: 'Usted entiende que puede quitarle el acceso a {organizationName} en cualquier momento seleccionando "Remove" en la página "Privacy Settings" de kynect resources, y que allí puede seleccionar "Opt Out" para dejar de aparecer en las búsquedas de kynect resources.',
      },
      { id: 'identity', text: 'Usted confirma que es {clientName}.' },
    ],
    closing: 'Gracias, {clientName}. Su consentimiento para {organizationName} quedó registrado.',
    scope: 'Expediente completo (OneView) en kynect resources',
    purpose: 'Permitir que el socio comunitario vea el expediente del residente para ayudar con referidos y apoyo',
    duration: 'Hasta que el residente quite a la organización en Privacy Settings',
    revoke: 'kynect resources, "Privacy Settings": "Remove" para esta organización; "Opt Out" para salir de las búsquedas',
    source: RESOURCES_SOURCE_V1,
  },
  {
    id: 'kynect-resources-partner-access',
    version: 2,
    locale: 'en',
    effectiveFrom: '2026-11-01',
    title: 'Verbal consent: kynect resources partner access',
    intro:
      '{organizationName} has asked to view your full record in kynect resources. You can give this consent by answering the "Request Consent" email or text, or by verbal acknowledgment. I will read {count} statements; please answer yes or no to each one.',
    acknowledgments: [
      {
        id: 'view',
        text: 'You give {organizationName} permission to view your full record in kynect resources, including your contact information, referral history, household composition and program enrollments.',
      },
      { id: 'verbal', text: 'You understand that you are giving this consent by verbal acknowledgment, instead of answering the "Request Consent" email or text.' },
      {
        id: 'revoke',
        onlyIf: 'resident-has-account',
        text: 'You understand that you can remove {organizationName}\'s access at any time by selecting "Remove" on the "Privacy Settings" page of kynect resources, and that you can select "Opt Out" there to stop appearing in kynect resources search results.',
      },
      {
        id: 'no-account',
        onlyIf: 'resident-has-no-account',
        text: 'You understand that access is managed on the "Privacy Settings" page of kynect resources, where residents with a kynect resources account can select "Remove" for an organization or "Opt Out" of search results, and that an account needs an email address and internet access.',
      },
      { id: 'identity', text: 'You confirm that you are {clientName}.' },
    ],
    closing: 'Thank you, {clientName}. Your consent for {organizationName} is recorded.',
    scope: 'Full record (OneView) in kynect resources',
    purpose: 'Allow the community partner to view the resident record to help with referrals and support',
    duration: 'Until the resident removes the organization in Privacy Settings',
    revoke: 'kynect resources, "Privacy Settings": "Remove" for this organization; "Opt Out" to leave search results (residents with a kynect resources account)',
    source: RESOURCES_SOURCE,
  },
  {
    id: 'kynect-resources-partner-access',
    version: 2,
    locale: 'es',
    effectiveFrom: '2026-11-01',
    title: 'Consentimiento verbal: acceso de un socio de kynect resources',
    intro:
      '{organizationName} ha pedido ver su expediente completo en kynect resources. Usted puede dar este consentimiento respondiendo al correo electrónico o al mensaje de texto "Request Consent", o de forma verbal. Voy a leerle {count} declaraciones; por favor responda sí o no a cada una.',
    acknowledgments: [
      {
        id: 'view',
        text: 'Usted da permiso a {organizationName} para ver su expediente completo en kynect resources, incluidos sus datos de contacto, su historial de referidos, la composición de su hogar y los programas en los que está inscrito.',
      },
      { id: 'verbal', text: 'Usted entiende que da este consentimiento de forma verbal, en lugar de responder al correo electrónico o al mensaje de texto "Request Consent".' },
      {
        id: 'revoke',
        onlyIf: 'resident-has-account',
        text: 'Usted entiende que puede quitarle el acceso a {organizationName} en cualquier momento seleccionando "Remove" en la página "Privacy Settings" de kynect resources, y que allí puede seleccionar "Opt Out" para dejar de aparecer en los resultados de búsqueda de kynect resources.',
      },
      {
        id: 'no-account',
        onlyIf: 'resident-has-no-account',
        text: 'Usted entiende que el acceso se administra en la página "Privacy Settings" de kynect resources, donde los residentes con una cuenta de kynect resources pueden seleccionar "Remove" para una organización u "Opt Out" para salir de los resultados de búsqueda, y que una cuenta requiere una dirección de correo electrónico y acceso a internet.',
      },
      { id: 'identity', text: 'Usted confirma que es {clientName}.' },
    ],
    closing: 'Gracias, {clientName}. Su consentimiento para {organizationName} quedó registrado.',
    scope: 'Expediente completo (OneView) en kynect resources',
    purpose: 'Permitir que el socio comunitario vea el expediente del residente para ayudar con referidos y apoyo',
    duration: 'Hasta que el residente quite a la organización en Privacy Settings',
    revoke: 'kynect resources, "Privacy Settings": "Remove" para esta organización; "Opt Out" para salir de las búsquedas (residentes con una cuenta de kynect resources)',
    source: RESOURCES_SOURCE,
  },
  // v3 (published 2026-12-04): the record's scope, purpose, duration and revoke say nothing of
  // seed numbers ("(000, 001)"), which stay in the source; the Spanish reviewed (issue 13): the
  // Agent's gender not assumed ("una vez asociado"), "actúe como Agente", "le habla del Centro".
  {
    id: 'agent-association',
    version: 3,
    locale: 'en',
    effectiveFrom: '2026-12-04',
    title: 'Verbal consent: Agent association',
    intro:
      'My name is {repName} with the kynect Contact Center. {agentName} of {agencyName} is on the line and has asked to be associated with your case as your Agent. I need your consent first. I will read {count} statements; please answer yes or no to each one.',
    acknowledgments: [
      // 000:20: the client must be on the line, speaking for themselves.
      { id: 'identity', text: 'You confirm that you are {clientName} and that you are on this call yourself.' },
      // 001:103: "Please confirm that JOHN … permission for Maria West to serve as an Agent."
      { id: 'permission', text: 'You give permission for {agentName} to serve as an Agent on your case.' },
      // 000:22: "Once association is complete, Agents may assist the Client as applicable."
      { id: 'assist', text: 'You understand that once {agentName} is associated with your case, {agentName} may assist you as applicable.' },
    ],
    closing: 'Thank you, {clientName}. Your consent is recorded, and {agentName} is now being associated with your case.',
    scope: 'Agent association with the client case in kynect',
    purpose: 'So that the Agent may assist the client as applicable once associated',
    duration: 'Not stated in the Agent Portal policy',
    revoke: 'Not stated in the Agent Portal policy',
    source: AGENT_SOURCE_V3,
  },
  {
    id: 'agent-association',
    version: 3,
    locale: 'es',
    effectiveFrom: '2026-12-04',
    title: 'Consentimiento verbal: asociación con un Agente',
    intro:
      'Me llamo {repName} y le hablo del Centro de Contacto de kynect. {agentName}, de {agencyName}, está en la línea y ha pedido asociarse con su caso como su Agente. Primero necesito su consentimiento. Voy a leerle {count} declaraciones; por favor, responda sí o no a cada una.',
    acknowledgments: [
      { id: 'identity', text: 'Usted confirma que es {clientName} y que está en esta llamada personalmente.' },
      { id: 'permission', text: 'Usted da permiso para que {agentName} actúe como Agente en su caso.' },
      { id: 'assist', text: 'Usted entiende que, una vez completada la asociación de {agentName} con su caso, {agentName} podrá ayudarle según corresponda.' },
    ],
    closing: 'Gracias, {clientName}. Su consentimiento quedó registrado y ahora se está completando la asociación de {agentName} con su caso.',
    scope: 'Asociación del Agente con el caso del cliente en kynect',
    purpose: 'Para que el Agente pueda ayudar al cliente según corresponda, una vez completada la asociación',
    duration: 'No se indica en la política de Agent Portal',
    revoke: 'No se indica en la política de Agent Portal',
    source: AGENT_SOURCE_V3,
  },
  // v3 (published 2026-12-04): the Spanish reviewed (issue 13): the resident's gender not
  // assumed ("los programas en los que está inscrito" becomes "sus inscripciones en programas"),
  // "por favor, responda".
  {
    id: 'kynect-resources-partner-access',
    version: 3,
    locale: 'en',
    effectiveFrom: '2026-12-04',
    title: 'Verbal consent: kynect resources partner access',
    intro:
      '{organizationName} has asked to view your full record in kynect resources. You can give this consent by answering the "Request Consent" email or text, or by verbal acknowledgment. I will read {count} statements; please answer yes or no to each one.',
    acknowledgments: [
      {
        id: 'view',
        text: 'You give {organizationName} permission to view your full record in kynect resources, including your contact information, referral history, household composition and program enrollments.',
      },
      { id: 'verbal', text: 'You understand that you are giving this consent by verbal acknowledgment, instead of answering the "Request Consent" email or text.' },
      {
        id: 'revoke',
        onlyIf: 'resident-has-account',
        text: 'You understand that you can remove {organizationName}\'s access at any time by selecting "Remove" on the "Privacy Settings" page of kynect resources, and that you can select "Opt Out" there to stop appearing in kynect resources search results.',
      },
      {
        id: 'no-account',
        onlyIf: 'resident-has-no-account',
        text: 'You understand that access is managed on the "Privacy Settings" page of kynect resources, where residents with a kynect resources account can select "Remove" for an organization or "Opt Out" of search results, and that an account needs an email address and internet access.',
      },
      { id: 'identity', text: 'You confirm that you are {clientName}.' },
    ],
    closing: 'Thank you, {clientName}. Your consent for {organizationName} is recorded.',
    scope: 'Full record (OneView) in kynect resources',
    purpose: 'Allow the community partner to view the resident record to help with referrals and support',
    duration: 'Until the resident removes the organization in Privacy Settings',
    revoke: 'kynect resources, "Privacy Settings": "Remove" for this organization; "Opt Out" to leave search results (residents with a kynect resources account)',
    source: RESOURCES_SOURCE,
  },
  {
    id: 'kynect-resources-partner-access',
    version: 3,
    locale: 'es',
    effectiveFrom: '2026-12-04',
    title: 'Consentimiento verbal: acceso de un socio comunitario de kynect resources',
    intro:
      '{organizationName} ha pedido ver su expediente completo en kynect resources. Usted puede dar este consentimiento respondiendo al correo electrónico o al mensaje de texto "Request Consent", o de forma verbal. Voy a leerle {count} declaraciones; por favor, responda sí o no a cada una.',
    acknowledgments: [
      {
        id: 'view',
        text: 'Usted da permiso a {organizationName} para ver su expediente completo en kynect resources, incluidos sus datos de contacto, su historial de referidos, la composición de su hogar y sus inscripciones en programas.',
      },
      { id: 'verbal', text: 'Usted entiende que da este consentimiento de forma verbal, en lugar de responder al correo electrónico o al mensaje de texto "Request Consent".' },
      {
        id: 'revoke',
        onlyIf: 'resident-has-account',
        text: 'Usted entiende que puede quitarle el acceso a {organizationName} en cualquier momento seleccionando "Remove" en la página "Privacy Settings" de kynect resources, y que allí puede seleccionar "Opt Out" para dejar de aparecer en los resultados de búsqueda de kynect resources.',
      },
      {
        id: 'no-account',
        onlyIf: 'resident-has-no-account',
        text: 'Usted entiende que el acceso se administra en la página "Privacy Settings" de kynect resources, donde los residentes que tienen una cuenta de kynect resources pueden seleccionar "Remove" para una organización u "Opt Out" para salir de los resultados de búsqueda, y que para tener una cuenta se necesita una dirección de correo electrónico y acceso a internet.',
      },
      { id: 'identity', text: 'Usted confirma que es {clientName}.' },
    ],
    closing: 'Gracias, {clientName}. Su consentimiento para {organizationName} quedó registrado.',
    scope: 'Expediente completo (OneView) en kynect resources',
    purpose: 'Permitir que el socio comunitario vea el expediente del residente para ayudar con referidos y apoyo',
    duration: 'Hasta que el residente quite a la organización en "Privacy Settings"',
    revoke:
      'kynect resources, "Privacy Settings": "Remove" para esta organización; "Opt Out" para salir de los resultados de búsqueda (residentes con una cuenta de kynect resources)',
    source: RESOURCES_SOURCE,
  },
].map((s) => ConsentScriptSchema.parse(s));

/**
 * The words of each script's newest version that name a seed number or a section mark: the
 * statements read aloud, and the scope, purpose, duration and revoke a record keeps and a
 * screen shows. Those references belong in `source` (issue 12.6); older versions keep their
 * words as they were read.
 */
export function scriptWordingProblems(scripts: readonly ConsentScript[]): string[] {
  const problems: string[] = [];
  for (const id of scriptIds) {
    const mine = scripts.filter((s) => s.id === id);
    const newest = Math.max(...mine.map((s) => s.version));
    for (const s of mine.filter((x) => x.version === newest)) {
      const words: [string, string][] = [
        ['title', s.title],
        ['intro', s.intro],
        ...s.acknowledgments.map((a): [string, string] => [`acknowledgment ${a.id}`, a.text]),
        ['closing', s.closing],
        ['scope', s.scope],
        ['purpose', s.purpose],
        ['duration', s.duration],
        ['revoke', s.revoke],
      ];
      for (const [where, text] of words) {
        const code = INTERNAL_CODE.exec(text);
        if (code) problems.push(`${id} v${s.version} (${s.locale}) ${where} names a seed or section ("${code[0]}"): put it in the source.`);
      }
    }
  }
  return problems;
}

/** Kept for callers that only need the built-in defaults (tests, tools). */
export const consentScripts = builtInScripts;

/**
 * The scripts a desk can read: the built-in defaults and whatever supervisors loaded.
 * `find` without a version gives the version in force on a day: the highest whose
 * effective date has come.
 */
export class ScriptLibrary {
  readonly #all: readonly ConsentScript[];
  constructor(scripts: readonly ConsentScript[]) {
    this.#all = [...scripts].sort((a, b) => a.id.localeCompare(b.id) || a.locale.localeCompare(b.locale) || a.version - b.version);
  }

  get all(): readonly ConsentScript[] {
    return this.#all;
  }

  find(id: ScriptId, locale: Locale, opts: { version?: number | undefined; on?: string | undefined } = {}): ConsentScript {
    const mine = this.#all.filter((s) => s.id === id && s.locale === locale);
    const script = opts.version !== undefined ? mine.find((s) => s.version === opts.version) : [...mine].reverse().find((s) => opts.on === undefined || s.effectiveFrom <= opts.on);
    if (!script)
      throw new Error(
        `There is no consent script ${id}${opts.version !== undefined ? ` v${opts.version}` : ''} in ${locale}${opts.on && opts.version === undefined ? ` in force on ${opts.on}` : ''}.`,
      );
    return script;
  }
}

const builtInLibrary = new ScriptLibrary(builtInScripts);

/** A built-in script: a given version, else the newest. */
export function findScript(id: ScriptId, locale: Locale, version?: number): ConsentScript {
  return builtInLibrary.find(id, locale, { version });
}

export interface RenderedScript {
  id: ScriptId;
  version: number;
  locale: Locale;
  title: string;
  intro: string;
  acknowledgments: { id: string; text: string }[];
  closing: string;
  /** Exactly what the rep is shown, line by line: this is what is hashed into the record. */
  text: string;
}

/** The acknowledgments read to this person, in order. */
export function applicableAcknowledgments(script: ConsentScript, conditions: readonly ScriptCondition[] = []): ConsentScript['acknowledgments'] {
  return script.acknowledgments.filter((a) => !a.onlyIf || conditions.includes(a.onlyIf));
}

/** Fills the placeholders; a placeholder without a value is an error, never a blank read aloud. */
export function renderScript(script: ConsentScript, values: Record<string, string>, conditions: readonly ScriptCondition[] = []): RenderedScript {
  const acks = applicableAcknowledgments(script, conditions);
  const all: Record<string, string> = { ...values, count: String(acks.length) };
  const missing = new Set<string>();
  const fill = (t: string) =>
    t.replace(PLACEHOLDER, (_, name: string) => {
      const v = all[name];
      if (v === undefined || v.trim() === '') {
        missing.add(name);
        return '';
      }
      return v.trim();
    });
  const intro = fill(script.intro);
  const acknowledgments = acks.map((a) => ({ id: a.id, text: fill(a.text) }));
  const closing = fill(script.closing);
  if (missing.size) throw new Error(`The script needs ${[...missing].map((m) => `{${m}}`).join(', ')} before it can be read.`);
  const text = [script.title, intro, ...acknowledgments.map((a, i) => `${i + 1}. ${a.text}`), closing].join('\n');
  return { id: script.id, version: script.version, locale: script.locale, title: script.title, intro, acknowledgments, closing, text };
}
