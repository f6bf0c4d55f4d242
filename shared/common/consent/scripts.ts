/**
 * Verbal consent scripts as versioned data (001: the Agent reads the
 * acknowledgments with the client; 002: kynect resources consent by verbal
 * acknowledgment, revoked or opted out of in Privacy Settings). A wording
 * change is a new version, never an edit: each consent record names the id,
 * version and locale it was read from and the SHA-256 of the exact text.
 */

export type Locale = 'en' | 'es';
export type ScriptId = 'agent-association' | 'kynect-resources-partner-access';

export interface ConsentScript {
  id: ScriptId;
  version: number;
  locale: Locale;
  title: string;
  intro: string;
  acknowledgments: { id: string; text: string }[];
  closing: string;
  /** What the consent allows, for whom, how long, and how to take it back — copied into the record. */
  scope: string;
  purpose: string;
  duration: string;
  revoke: string;
  source: string;
}

const AGENT_SOURCE = 'Agent Portal: Agent Association to Client Cases (001), Verbal Consent; Association With Clients Enrolled Through HealthCare.gov (000)';
const RESOURCES_SOURCE = 'kynect resources Community Partners FAQ (002), Q22, Q37, Q38, Q41, Q42';

export const consentScripts: readonly ConsentScript[] = [
  {
    id: 'agent-association',
    version: 1,
    locale: 'en',
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
    source: AGENT_SOURCE,
  },
  {
    id: 'agent-association',
    version: 1,
    locale: 'es',
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
    source: AGENT_SOURCE,
  },
  {
    id: 'kynect-resources-partner-access',
    version: 1,
    locale: 'en',
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
    source: RESOURCES_SOURCE,
  },
  {
    id: 'kynect-resources-partner-access',
    version: 1,
    locale: 'es',
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
    source: RESOURCES_SOURCE,
  },
];

export function findScript(id: ScriptId, locale: Locale, version?: number): ConsentScript {
  const candidates = consentScripts.filter((s) => s.id === id && s.locale === locale && (version === undefined || s.version === version));
  const script = candidates.sort((a, b) => b.version - a.version)[0];
  if (!script) throw new Error(`There is no consent script ${id}${version ? ` v${version}` : ''} in ${locale}.`);
  return script;
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

const PLACEHOLDER = /\{([a-zA-Z]+)\}/g;

/** Fills the placeholders; a placeholder without a value is an error, never a blank read aloud. */
export function renderScript(script: ConsentScript, values: Record<string, string>): RenderedScript {
  const all: Record<string, string> = { ...values, count: String(script.acknowledgments.length) };
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
  const acknowledgments = script.acknowledgments.map((a) => ({ id: a.id, text: fill(a.text) }));
  const closing = fill(script.closing);
  if (missing.size) throw new Error(`The script needs ${[...missing].map((m) => `{${m}}`).join(', ')} before it can be read.`);
  const text = [script.title, intro, ...acknowledgments.map((a, i) => `${i + 1}. ${a.text}`), closing].join('\n');
  return { id: script.id, version: script.version, locale: script.locale, title: script.title, intro, acknowledgments, closing, text };
}
