/**
 * What a rep reads to a caller or sends to a resident, outside the verbal consent
 * scripts (those are consent/scripts.ts, loaded and versioned by supervisors): the
 * association confirmation, the alternatives when the client is not on the line, the
 * ESE closing script, the Dire Need and three-day guidance an Agent hears, the SEP
 * summary. Each text exists in every call language as reviewed wording (issue 13),
 * never translated at run time; a wording change is a new version, never an edit, and
 * wherever a text's use is recorded it names the id, version, locale and the SHA-256
 * of the exact words shown (shared/node/texts/textHash.ts).
 *
 * Lines: a text is one or more lines read in order; a line that `needs` a value is
 * left out without it (the ESE reference before there is one). Placeholders are
 * `{name}`; the English and Spanish of a version name the same ones, line by line
 * (test/unit/texts/catalogue.test.ts).
 */
import { format, parseISO } from 'date-fns';
import { es as esLocale } from 'date-fns/locale/es';
import { callLanguages, type CallLanguage } from '../calls/language';
import { INTERNAL_CODE } from './readable';

export type TextLocale = CallLanguage;

export const callerTextIds = [
  'association.confirmation',
  'association.client-not-on-line',
  'association.case-not-certain',
  'association.training-not-done',
  'association.new-applicant',
  'association.consent-not-possible',
  'association.already-associated',
  'association.consent-refused',
  'consent.agent-portal-next-steps',
  'ese.closing',
  'match.three-day',
  'match.submitted-today',
  'match.submitted-one-day',
  'match.submitted-days',
  'match.no-submission-date',
  'match.psl',
  'match.dire-need',
  'sep.summary.ese',
  'sep.summary.no-sep',
  'sep.summary.sep',
] as const;
export type CallerTextId = (typeof callerTextIds)[number];

export interface CallerTextLine {
  text: string;
  /** The line is read only when this value is given (and not blank). */
  needs?: string;
}

export interface CallerText {
  id: CallerTextId;
  version: number;
  locale: TextLocale;
  /** The seed lines the wording follows. */
  source: string;
  lines: readonly CallerTextLine[];
  /** Placeholders that may be filled with nothing (the resident's "Rosa, " when no name is known). */
  optional?: readonly string[];
}

const SRC_000 = 'Agent Portal: Association With Clients Enrolled Through HealthCare.gov (000:20-22, 000:34)';
const SRC_NOT_CERTAIN =
  'Agent Portal: Association With Clients Enrolled Through HealthCare.gov (000:21); SBM Policy and Procedures (003) §9 Member Match (lines 1087 Full, 1091 Partial)';
const SRC_TRAINING = 'Agent Portal: Association With Clients Enrolled Through HealthCare.gov (000:7, 000:20)';
const SRC_NEW_APPLICANT =
  'Agent Portal: Association With Clients Enrolled Through HealthCare.gov (000:9, 000:24-28); SBM Policy and Procedures (003) §9 Member Match (line 1091, Partial)';
const SRC_NEXT_STEPS = 'Agent Portal: Agent Association to Client Cases (001:96-100 when verbal consent is used, 001:114 next steps)';
const SRC_CONSENT_NOT_POSSIBLE =
  'Agent Portal: Agent Association to Client Cases (001:72 at most 3 requests, 001:79 leaving the screen, 001:96-100, 001:114); Association With Clients Enrolled Through HealthCare.gov (000:21)';
const SRC_ALREADY = 'Agent Portal: Association With Clients Enrolled Through HealthCare.gov (000:20-22): an Agent already on the case needs no new consent';
const SRC_REFUSED = 'Agent Portal: Agent Association to Client Cases (001:65): without the client’s consent the Agent is not associated';
const SRC_ESE = 'SBM Policy and Procedures (003) §7.4, §7.5, §7.6';
const SRC_PSL = 'SBM Policy and Procedures (003) §9.1 (lines 1109, 1111)';
const SRC_SEP = 'Special Enrollment table (004); SBM Policy and Procedures (003) §7.1, §7.4, §7.5, §7.6';

export const callerTexts: readonly CallerText[] = [
  // ── association ─────────────────────────────────────────────────────────
  {
    id: 'association.confirmation',
    version: 1,
    locale: 'en',
    source: SRC_000,
    // 000:22: "Once association is complete, Agents may assist the Client as applicable." Nothing more is promised.
    lines: [
      {
        text: '{agentName} of {agencyName} is now associated with case {caseNumber} for {clientName} as of {date}. {agentName} may now assist {clientFirstName} with this case as applicable.',
      },
    ],
  },
  {
    id: 'association.confirmation',
    version: 1,
    locale: 'es',
    source: SRC_000,
    // "Queda registrada la asociación" rather than "está asociado/asociada": the Agent's gender is not known.
    lines: [
      {
        text: 'A partir del {date}, queda registrada la asociación de {agentName}, de {agencyName}, con el caso {caseNumber} de {clientName}. Desde ahora, {agentName} puede ayudar a {clientFirstName} con este caso según corresponda.',
      },
    ],
  },
  {
    id: 'association.client-not-on-line',
    version: 1,
    locale: 'en',
    source: SRC_000,
    lines: [
      { text: 'The Contact Center can associate an Agent only while the client is on the line; the Agent cannot be associated without the client (000).' },
      { text: 'The client may call the Contact Center at 1-855-459-6328 (TTY 1-855-326-4654) on their own to add the Agent to their case.' },
      { text: 'The client may add the Agent in kynect benefits, by searching for the Agent in the "Reps, kynectors, and Agents" section.' },
      { text: 'The client may complete the Appendix B form from the kynect benefits website and send it to their local DCBS office.' },
    ],
  },
  {
    id: 'association.client-not-on-line',
    version: 1,
    locale: 'es',
    source: SRC_000,
    // Screen and form names stay as kynect prints them: the client finds them in English.
    lines: [
      { text: 'El Centro de Contacto solo puede asociar a un Agente mientras el cliente está en la línea; no se puede asociar al Agente sin el cliente (000).' },
      { text: 'El cliente puede llamar por su cuenta al Centro de Contacto al 1-855-459-6328 (TTY 1-855-326-4654) para agregar al Agente a su caso.' },
      { text: 'El cliente puede agregar al Agente en kynect benefits, buscándolo en la sección "Reps, kynectors, and Agents".' },
      { text: 'El cliente puede llenar el formulario Appendix B (Apéndice B) del sitio web de kynect benefits y enviarlo a su oficina local del DCBS.' },
    ],
  },
  // Version 2: the same words without the seed number "(000)" a rep might read aloud; the source is in `source` (issue 12.6).
  {
    id: 'association.client-not-on-line',
    version: 2,
    locale: 'en',
    source: SRC_000,
    lines: [
      { text: 'The Contact Center can associate an Agent only while the client is on the line; the Agent cannot be associated without the client.' },
      { text: 'The client may call the Contact Center at 1-855-459-6328 (TTY 1-855-326-4654) on their own to add the Agent to their case.' },
      { text: 'The client may add the Agent in kynect benefits, by searching for the Agent in the "Reps, kynectors, and Agents" section.' },
      { text: 'The client may complete the Appendix B form from the kynect benefits website and send it to their local DCBS office.' },
    ],
  },
  {
    id: 'association.client-not-on-line',
    version: 2,
    locale: 'es',
    source: SRC_000,
    lines: [
      { text: 'El Centro de Contacto solo puede asociar a un Agente mientras el cliente está en la línea; no se puede asociar al Agente sin el cliente.' },
      { text: 'El cliente puede llamar por su cuenta al Centro de Contacto al 1-855-459-6328 (TTY 1-855-326-4654) para agregar al Agente a su caso.' },
      { text: 'El cliente puede agregar al Agente en kynect benefits, buscándolo en la sección "Reps, kynectors, and Agents".' },
      { text: 'El cliente puede llenar el formulario Appendix B (Apéndice B) del sitio web de kynect benefits y enviarlo a su oficina local del DCBS.' },
    ],
  },

  // ── association: no case identified with certainty ──────────────────────
  // One text, so the end records one id and one hash: the reason (exactly one of the first lines,
  // chosen by certainty.ts's `why`), then the alternatives. No case number is read out: the rep's
  // screen shows which cases the lookup found; the caller hears only what the client gave.
  {
    id: 'association.case-not-certain',
    version: 1,
    locale: 'en',
    source: SRC_NOT_CERTAIN,
    lines: [
      { text: 'No case was identified with certainty.', needs: 'unknown' },
      {
        text: 'The case number the client gave belongs to a case on which no member matches the client’s first name, last name and date of birth, so the Agent cannot be associated with it on this call.',
        needs: 'caseNumberNoMember',
      },
      {
        text: 'The application number the client gave belongs to a case on which no member matches the client’s first name, last name and date of birth, so the Agent cannot be associated with it on this call.',
        needs: 'applicationNumberNoMember',
      },
      { text: 'No case on file here has the case number the client gave.', needs: 'caseNumberNotFound' },
      { text: 'No case on file here has the application number the client gave.', needs: 'applicationNumberNotFound' },
      {
        text: 'Every identifying detail matches one case, but the client’s Social Security number is also on file on another case, so there may be more than one record.',
        needs: 'ssnAlsoOn',
      },
      {
        text: 'Every identifying detail matches one case, but the client’s name and date of birth also appear on another case, so there may be more than one record.',
        needs: 'identityAlsoOn',
      },
      { text: 'Every identifying detail matches members on more than one case, so there is more than one record.', needs: 'severalExact' },
      {
        text: 'Not every identifying detail matches exactly. A DCBS caseworker must determine whether the client already exists in kynect, so the case is not guessed.',
        needs: 'partial',
      },
      { text: 'No one on file here could be the client, so no case can be associated from this search.', needs: 'nobody' },
      { text: 'The Agent is associated only with a case identified with certainty; a Partial match is resolved by a DCBS caseworker, never guessed.' },
      { text: 'Ask the client for the case number or application number (it is on a kynect notice) and look the client up again with it.' },
      { text: 'The client may add the Agent in kynect benefits, by searching for the Agent in the "Reps, kynectors, and Agents" section.' },
      { text: 'The client may complete the Appendix B form from the kynect benefits website and send it to their local DCBS office.' },
    ],
  },
  {
    id: 'association.case-not-certain',
    version: 1,
    locale: 'es',
    source: SRC_NOT_CERTAIN,
    // "Partial match" and the section name stay in English, glossed: that is what the Agent sees on screen.
    lines: [
      { text: 'No se identificó ningún caso con certeza.', needs: 'unknown' },
      {
        text: 'El número de caso que dio el cliente pertenece a un caso en el que ningún miembro coincide con el nombre, el apellido y la fecha de nacimiento del cliente, por lo que no se puede asociar al Agente con ese caso en esta llamada.',
        needs: 'caseNumberNoMember',
      },
      {
        text: 'El número de solicitud que dio el cliente pertenece a un caso en el que ningún miembro coincide con el nombre, el apellido y la fecha de nacimiento del cliente, por lo que no se puede asociar al Agente con ese caso en esta llamada.',
        needs: 'applicationNumberNoMember',
      },
      { text: 'No encontramos ningún caso con el número de caso que dio el cliente.', needs: 'caseNumberNotFound' },
      { text: 'No encontramos ningún caso con el número de solicitud que dio el cliente.', needs: 'applicationNumberNotFound' },
      {
        text: 'Todos los datos de identificación coinciden con un caso, pero el número de Seguro Social del cliente también está registrado en otro caso, así que puede haber más de un registro.',
        needs: 'ssnAlsoOn',
      },
      {
        text: 'Todos los datos de identificación coinciden con un caso, pero el nombre y la fecha de nacimiento del cliente también aparecen en otro caso, así que puede haber más de un registro.',
        needs: 'identityAlsoOn',
      },
      { text: 'Todos los datos de identificación coinciden con miembros de más de un caso, así que hay más de un registro.', needs: 'severalExact' },
      {
        text: 'No todos los datos de identificación coinciden exactamente. Un trabajador de casos del DCBS debe determinar si el cliente ya existe en kynect, por lo que no se puede suponer cuál es el caso.',
        needs: 'partial',
      },
      { text: 'Ninguna persona en nuestros registros coincide con el cliente, así que no se puede asociar ningún caso a partir de esta búsqueda.', needs: 'nobody' },
      {
        text: 'Solo se puede asociar al Agente con un caso identificado con certeza; una coincidencia parcial (Partial match) la resuelve un trabajador de casos del DCBS y nunca se da por supuesta.',
      },
      { text: 'Pídale al cliente el número de caso o el número de solicitud (aparece en los avisos de kynect) y vuelva a buscar al cliente con ese número.' },
      { text: 'El cliente puede agregar al Agente en kynect benefits, buscándolo en la sección "Reps, kynectors, and Agents".' },
      { text: 'El cliente puede llenar el formulario Appendix B (Apéndice B) del sitio web de kynect benefits y enviarlo a su oficina local del DCBS.' },
    ],
  },
  // The Agent is already on the case: nothing is recorded twice, and no consent is asked.
  {
    id: 'association.already-associated',
    version: 1,
    locale: 'en',
    source: SRC_ALREADY,
    lines: [{ text: '{agentName} ({agentId}) is already associated with case {caseNumber}, since {since}: there is nothing to record and no consent to ask for.' }],
  },
  {
    id: 'association.already-associated',
    version: 1,
    locale: 'es',
    source: SRC_ALREADY,
    // "La asociación … ya existe" rather than "ya está asociado/asociada": the Agent's gender is not known.
    lines: [{ text: 'La asociación de {agentName} ({agentId}) con el caso {caseNumber} ya existe desde el {since}: no hay nada que registrar ni consentimiento que pedir.' }],
  },
  // The client said no: the Agent is not associated.
  {
    id: 'association.consent-refused',
    version: 1,
    locale: 'en',
    source: SRC_REFUSED,
    lines: [{ text: 'The client did not consent: no association was made.' }],
  },
  {
    id: 'association.consent-refused',
    version: 1,
    locale: 'es',
    source: SRC_REFUSED,
    lines: [{ text: 'El cliente no dio su consentimiento: no se hizo la asociación.' }],
  },
  // What the rep tells the Agent whose MyPurpose training is not completed.
  {
    id: 'association.training-not-done',
    version: 1,
    locale: 'en',
    source: SRC_TRAINING,
    lines: [
      { text: 'Agents must complete Agent training on MyPurpose before they can be associated with a client.' },
      { text: 'Ask the Agent to complete the training, then call back with the client on the line.' },
    ],
  },
  {
    id: 'association.training-not-done',
    version: 1,
    locale: 'es',
    source: SRC_TRAINING,
    lines: [
      { text: 'Los Agentes deben completar la capacitación para Agentes en MyPurpose antes de que se les pueda asociar con un cliente.' },
      { text: 'Pídale al Agente que complete la capacitación y que vuelva a llamar con el cliente en la línea.' },
    ],
  },
  // A new applicant: the Agent starts the application in Agent Portal. The last line only after a Partial match.
  {
    id: 'association.new-applicant',
    version: 1,
    locale: 'en',
    source: SRC_NEW_APPLICANT,
    lines: [
      { text: 'For a new applicant with no HealthCare.gov enrollment and no benefits application, the Agent starts the application in Agent Portal.' },
      {
        text: 'The Agent clicks "Initiate an Application for Individual" on the Agent Portal Dashboard, or creates the Prospect and clicks "Initiate Benefits Application" on the Current Prospect screen.',
      },
      {
        text: 'The Agent is associated in the "Reps, kynectors, and Agents" section of the benefits application; the association is complete once the application is submitted.',
      },
      {
        text: "The lookup found a possible record (Partial match): submitting the application creates a task for a DCBS caseworker to resolve the partial match, and the application is removed from the Agent's dashboard until then.",
        needs: 'partialMatch',
      },
    ],
  },
  {
    id: 'association.new-applicant',
    version: 1,
    locale: 'es',
    source: SRC_NEW_APPLICANT,
    // Button and screen names as Agent Portal prints them, in English.
    lines: [
      { text: 'Para un solicitante nuevo que no tiene inscripción en HealthCare.gov ni solicitud de beneficios, el Agente inicia la solicitud en Agent Portal.' },
      {
        text: 'El Agente hace clic en "Initiate an Application for Individual" en el Agent Portal Dashboard, o crea el Prospect (posible cliente) y hace clic en "Initiate Benefits Application" en la pantalla Current Prospect.',
      },
      {
        text: 'El Agente queda asociado en la sección "Reps, kynectors, and Agents" de la solicitud de beneficios; la asociación se completa una vez que se presenta la solicitud.',
      },
      {
        text: 'La búsqueda encontró un posible registro (Partial match, coincidencia parcial): al presentar la solicitud se crea una tarea para que un trabajador de casos del DCBS resuelva la coincidencia parcial, y mientras tanto la solicitud se quita del tablero (dashboard) del Agente.',
        needs: 'partialMatch',
      },
    ],
  },
  // Version 2: the Spanish reviewed (issue 13): "el Agente queda asociado" assumed the Agent's gender; the English is v1's.
  {
    id: 'association.new-applicant',
    version: 2,
    locale: 'en',
    source: SRC_NEW_APPLICANT,
    lines: [
      { text: 'For a new applicant with no HealthCare.gov enrollment and no benefits application, the Agent starts the application in Agent Portal.' },
      {
        text: 'The Agent clicks "Initiate an Application for Individual" on the Agent Portal Dashboard, or creates the Prospect and clicks "Initiate Benefits Application" on the Current Prospect screen.',
      },
      {
        text: 'The Agent is associated in the "Reps, kynectors, and Agents" section of the benefits application; the association is complete once the application is submitted.',
      },
      {
        text: "The lookup found a possible record (Partial match): submitting the application creates a task for a DCBS caseworker to resolve the partial match, and the application is removed from the Agent's dashboard until then.",
        needs: 'partialMatch',
      },
    ],
  },
  {
    id: 'association.new-applicant',
    version: 2,
    locale: 'es',
    source: SRC_NEW_APPLICANT,
    // Button and screen names as Agent Portal prints them, in English.
    lines: [
      { text: 'Para un solicitante nuevo que no tiene inscripción en HealthCare.gov ni solicitud de beneficios, el Agente inicia la solicitud en Agent Portal.' },
      {
        text: 'El Agente hace clic en "Initiate an Application for Individual" en el Agent Portal Dashboard, o crea el Prospect (posible cliente) y hace clic en "Initiate Benefits Application" en la pantalla Current Prospect.',
      },
      {
        text: 'La asociación del Agente se hace en la sección "Reps, kynectors, and Agents" de la solicitud de beneficios y se completa una vez que se presenta la solicitud.',
      },
      {
        text: 'La búsqueda encontró un posible registro (Partial match, coincidencia parcial): al presentar la solicitud se crea una tarea para que un trabajador de casos del DCBS resuelva la coincidencia parcial, y mientras tanto la solicitud se quita del tablero (dashboard) del Agente.',
        needs: 'partialMatch',
      },
    ],
  },
  // Consent that cannot be completed in this call: why (the first lines, by need), then the alternatives of 000:21.
  {
    id: 'association.consent-not-possible',
    version: 1,
    locale: 'en',
    source: SRC_CONSENT_NOT_POSSIBLE,
    lines: [
      {
        text: 'Because the client has no electronic communication method, Agent Portal shows the Agent a message with the next steps. Ask the Agent to read it to you and follow it.',
        needs: 'noElectronicMethod',
      },
      {
        text: 'Because the client is not known to the system, Agent Portal shows the Agent a message with the next steps. Ask the Agent to read it to you and follow it.',
        needs: 'unknownToSystem',
      },
      {
        text: 'Verbal consent is not used for this: it is used only after a technical failure, when the communication preference is not electronic, or when the client does not respond to the electronic consent.',
        needs: 'nextSteps',
      },
      { text: '3 electronic consent requests have been sent while access is not processed, and Agent Portal allows no more.', needs: 'maxRequests' },
      { text: 'The last one expired because the Agent left the Agent Portal screen.', needs: 'lastLeftScreen' },
      { text: 'The last one expired because the association ended while it waited.', needs: 'lastAbandoned' },
      { text: 'The client declined the last one.', needs: 'lastDeclined' },
      {
        text: 'Verbal consent is used only after a technical failure, a preference that is not electronic, or no response within 90 seconds, so consent cannot be completed in this call.',
        needs: 'maxRequests',
      },
      { text: 'The client may add the Agent in kynect benefits, by searching for the Agent in the "Reps, kynectors, and Agents" section.' },
      { text: 'The client may complete the Appendix B form from the kynect benefits website and send it to their local DCBS office.' },
    ],
  },
  {
    id: 'association.consent-not-possible',
    version: 1,
    locale: 'es',
    source: SRC_CONSENT_NOT_POSSIBLE,
    lines: [
      {
        text: 'Como el cliente no tiene un medio de comunicación electrónico, Agent Portal le muestra al Agente un mensaje con los pasos a seguir. Pídale al Agente que le lea ese mensaje y que siga esos pasos.',
        needs: 'noElectronicMethod',
      },
      {
        text: 'Como el sistema no reconoce al cliente, Agent Portal le muestra al Agente un mensaje con los pasos a seguir. Pídale al Agente que le lea ese mensaje y que siga esos pasos.',
        needs: 'unknownToSystem',
      },
      {
        text: 'En este caso no se usa el consentimiento verbal: solo se usa cuando hay una falla técnica, cuando la preferencia de comunicación del cliente no es electrónica o cuando el cliente no responde al consentimiento electrónico.',
        needs: 'nextSteps',
      },
      {
        text: 'Ya se enviaron 3 solicitudes de consentimiento electrónico mientras el acceso no se ha procesado, y Agent Portal no permite enviar más.',
        needs: 'maxRequests',
      },
      { text: 'La última venció porque el Agente salió de la pantalla de Agent Portal.', needs: 'lastLeftScreen' },
      { text: 'La última venció porque la asociación terminó mientras esperaba respuesta.', needs: 'lastAbandoned' },
      { text: 'El cliente rechazó la última.', needs: 'lastDeclined' },
      {
        text: 'El consentimiento verbal solo se usa cuando hay una falla técnica, cuando la preferencia de comunicación no es electrónica o cuando el cliente no responde en 90 segundos, así que el consentimiento no se puede completar en esta llamada.',
        needs: 'maxRequests',
      },
      { text: 'El cliente puede agregar al Agente en kynect benefits, buscándolo en la sección "Reps, kynectors, and Agents".' },
      { text: 'El cliente puede llenar el formulario Appendix B (Apéndice B) del sitio web de kynect benefits y enviarlo a su oficina local del DCBS.' },
    ],
  },

  // ── consent: Agent Portal's next steps (no electronic method, not known to the system) ──
  {
    id: 'consent.agent-portal-next-steps',
    version: 1,
    locale: 'en',
    source: SRC_NEXT_STEPS,
    lines: [
      {
        text: 'Because the client has no electronic communication method, Agent Portal shows the Agent a message with the next steps. Ask the Agent to read it to you and follow it.',
        needs: 'noElectronicMethod',
      },
      {
        text: 'Because the client is not known to the system, Agent Portal shows the Agent a message with the next steps. Ask the Agent to read it to you and follow it.',
        needs: 'unknownToSystem',
      },
      {
        text: 'Verbal consent is not used for this: it is used only after a technical failure, when the communication preference is not electronic, or when the client does not respond to the electronic consent.',
      },
    ],
  },
  {
    id: 'consent.agent-portal-next-steps',
    version: 1,
    locale: 'es',
    source: SRC_NEXT_STEPS,
    lines: [
      {
        text: 'Como el cliente no tiene un medio de comunicación electrónico, Agent Portal le muestra al Agente un mensaje con los pasos a seguir. Pídale al Agente que le lea ese mensaje y que siga esos pasos.',
        needs: 'noElectronicMethod',
      },
      {
        text: 'Como el sistema no reconoce al cliente, Agent Portal le muestra al Agente un mensaje con los pasos a seguir. Pídale al Agente que le lea ese mensaje y que siga esos pasos.',
        needs: 'unknownToSystem',
      },
      {
        text: 'En este caso no se usa el consentimiento verbal: solo se usa cuando hay una falla técnica, cuando la preferencia de comunicación del cliente no es electrónica o cuando el cliente no responde al consentimiento electrónico.',
      },
    ],
  },

  // ── ESE closing script ──────────────────────────────────────────────────
  // Version 2 follows the English that shipped as version 2 in ese/script.ts, word for word.
  // `{name}` is "Rosa, " or nothing; each rendered line starts with a capital letter.
  {
    id: 'ese.closing',
    version: 2,
    locale: 'en',
    source: SRC_ESE,
    optional: ['name'],
    lines: [
      // §7.6: representatives "are to forward cases to KHBE staff".
      { text: '{name}I have forwarded the details of this call to the Kentucky Health Benefit Exchange (KHBE) staff.' },
      // §7.5: ESEs "eligible Residents must request in writing to KHBE"; §7.4: "can be sent by email to kynectESE@ky.gov".
      { text: 'An Exceptional Special Enrollment must be requested in writing to KHBE. To make your written request, email it, with any documents you have, to kynectESE@ky.gov.' },
      { text: 'Your request reference is {reference}. Please keep it if you call us again.', needs: 'reference' },
      // §7.6: "A special ESE committee reviews these requests and submits recommendations to the KHBE Director who ultimately makes the final decision."
      {
        text: 'I am not able to decide whether you qualify. A special ESE committee reviews each request and makes a recommendation to the KHBE Director, who makes the final decision.',
      },
      // §7.6: "The Resident seeking ESE will be notified in writing of the decision."
      { text: 'You will be notified of the decision in writing.' },
      // §7.4: "Individuals must select a new plan within 60 days of the date they knew or should have reasonably known of the triggering event."
      { text: 'If the request is granted, you will need to select a plan within 60 days of the date you knew or should have reasonably known of what happened.' },
    ],
  },
  {
    id: 'ese.closing',
    version: 2,
    locale: 'es',
    source: SRC_ESE,
    optional: ['name'],
    lines: [
      { text: '{name}he enviado los detalles de esta llamada al personal de Kentucky Health Benefit Exchange (KHBE).' },
      {
        text: 'Una Inscripción Especial Excepcional (Exceptional Special Enrollment, ESE) se debe solicitar por escrito a KHBE. Para hacer su solicitud por escrito, envíela por correo electrónico, junto con los documentos que tenga, a kynectESE@ky.gov.',
      },
      { text: 'El número de referencia de su solicitud es {reference}. Por favor, guárdelo por si nos vuelve a llamar.', needs: 'reference' },
      {
        text: 'Yo no puedo decidir si usted califica. Un comité especial de ESE revisa cada solicitud y le hace una recomendación al Director de KHBE, quien toma la decisión final.',
      },
      { text: 'Se le notificará la decisión por escrito.' },
      {
        text: 'Si se aprueba la solicitud, tendrá que elegir un plan dentro de los 60 días siguientes a la fecha en que supo, o razonablemente debió saber, lo que pasó.',
      },
    ],
  },
  // Version 3: the Spanish reviewed (issue 13): "si usted califica", an anglicism, becomes "si usted cumple los requisitos"; the English is v2's.
  {
    id: 'ese.closing',
    version: 3,
    locale: 'en',
    source: SRC_ESE,
    optional: ['name'],
    lines: [
      // §7.6: representatives "are to forward cases to KHBE staff".
      { text: '{name}I have forwarded the details of this call to the Kentucky Health Benefit Exchange (KHBE) staff.' },
      // §7.5: ESEs "eligible Residents must request in writing to KHBE"; §7.4: "can be sent by email to kynectESE@ky.gov".
      { text: 'An Exceptional Special Enrollment must be requested in writing to KHBE. To make your written request, email it, with any documents you have, to kynectESE@ky.gov.' },
      { text: 'Your request reference is {reference}. Please keep it if you call us again.', needs: 'reference' },
      // §7.6: "A special ESE committee reviews these requests and submits recommendations to the KHBE Director who ultimately makes the final decision."
      {
        text: 'I am not able to decide whether you qualify. A special ESE committee reviews each request and makes a recommendation to the KHBE Director, who makes the final decision.',
      },
      // §7.6: "The Resident seeking ESE will be notified in writing of the decision."
      { text: 'You will be notified of the decision in writing.' },
      // §7.4: "Individuals must select a new plan within 60 days of the date they knew or should have reasonably known of the triggering event."
      { text: 'If the request is granted, you will need to select a plan within 60 days of the date you knew or should have reasonably known of what happened.' },
    ],
  },
  {
    id: 'ese.closing',
    version: 3,
    locale: 'es',
    source: SRC_ESE,
    optional: ['name'],
    lines: [
      { text: '{name}he enviado los detalles de esta llamada al personal de Kentucky Health Benefit Exchange (KHBE).' },
      {
        text: 'Una Inscripción Especial Excepcional (Exceptional Special Enrollment, ESE) se debe solicitar por escrito a KHBE. Para hacer su solicitud por escrito, envíela por correo electrónico, junto con los documentos que tenga, a kynectESE@ky.gov.',
      },
      { text: 'El número de referencia de su solicitud es {reference}. Por favor, guárdelo por si nos vuelve a llamar.', needs: 'reference' },
      {
        text: 'Yo no puedo decidir si usted cumple los requisitos. Un comité especial de ESE revisa cada solicitud y le hace una recomendación al Director de KHBE, quien toma la decisión final.',
      },
      { text: 'Se le notificará la decisión por escrito.' },
      {
        text: 'Si se aprueba la solicitud, tendrá que elegir un plan dentro de los 60 días siguientes a la fecha en que supo, o razonablemente debió saber, lo que pasó.',
      },
    ],
  },

  // ── member match (PSL): what the Agent hears ────────────────────────────
  // 003:1109: "If you are unable to find the application/case number after three days, call the
  // Professional Services Line (PSL) at 1-855-326-4650, to verify association to the case. The Agent
  // may have to be associated with the new case using current agent association procedures."
  {
    id: 'match.three-day',
    version: 1,
    locale: 'en',
    source: SRC_PSL,
    lines: [
      {
        text: 'If the Agent is unable to find the application or case number after three days, call the Professional Services Line (PSL) at 1-855-326-4650 to verify association to the case; the Agent may have to be associated with the new case using current agent association procedures.',
      },
    ],
  },
  {
    id: 'match.three-day',
    version: 1,
    locale: 'es',
    source: SRC_PSL,
    lines: [
      {
        text: 'Si el Agente no puede encontrar el número de solicitud o de caso después de tres días, llame a la Línea de Servicios Profesionales (Professional Services Line, PSL) al 1-855-326-4650 para verificar la asociación con el caso; es posible que el Agente tenga que asociarse con el caso nuevo siguiendo los procedimientos actuales de asociación de Agentes.',
      },
    ],
  },
  // Never "Submitted 0 days ago" (issue 12.6).
  { id: 'match.submitted-today', version: 1, locale: 'en', source: SRC_PSL, lines: [{ text: 'Submitted today.' }] },
  { id: 'match.submitted-today', version: 1, locale: 'es', source: SRC_PSL, lines: [{ text: 'Se presentó hoy.' }] },
  { id: 'match.submitted-one-day', version: 1, locale: 'en', source: SRC_PSL, lines: [{ text: 'Submitted 1 day ago.' }] },
  { id: 'match.submitted-one-day', version: 1, locale: 'es', source: SRC_PSL, lines: [{ text: 'Se presentó hace 1 día.' }] },
  { id: 'match.submitted-days', version: 1, locale: 'en', source: SRC_PSL, lines: [{ text: 'Submitted {days} days ago.' }] },
  { id: 'match.submitted-days', version: 1, locale: 'es', source: SRC_PSL, lines: [{ text: 'Se presentó hace {days} días.' }] },
  { id: 'match.no-submission-date', version: 1, locale: 'en', source: SRC_PSL, lines: [{ text: 'No submission date on file.' }] },
  { id: 'match.no-submission-date', version: 1, locale: 'es', source: SRC_PSL, lines: [{ text: 'No hay fecha de presentación en el expediente.' }] },
  {
    id: 'match.psl',
    version: 1,
    locale: 'en',
    source: SRC_PSL,
    lines: [{ text: 'Agents and kynectors with questions about a member match can call the Professional Services Line (PSL) at 1-855-326-4650.' }],
  },
  {
    id: 'match.psl',
    version: 1,
    locale: 'es',
    source: SRC_PSL,
    lines: [
      {
        text: 'Los Agentes y los kynectors que tengan preguntas sobre una coincidencia de miembros (member match) pueden llamar a la Línea de Servicios Profesionales (PSL) al 1-855-326-4650.',
      },
    ],
  },
  {
    id: 'match.dire-need',
    version: 1,
    locale: 'en',
    source: SRC_PSL,
    // 003:1111: "For applications needing attention within 24 hours (also referred to as “Dire Need” cases), Agents and kynectors may email kynectdireneed@ky.gov mailbox."
    lines: [{ text: 'For applications needing attention within 24 hours (“Dire Need” cases), Agents and kynectors may email kynectdireneed@ky.gov (003 §9.1).' }],
  },
  {
    id: 'match.dire-need',
    version: 1,
    locale: 'es',
    source: SRC_PSL,
    // "Dire Need" stays: it is the name the mailbox and kynect staff use.
    lines: [
      {
        text: 'Para las solicitudes que necesitan atención dentro de 24 horas (casos “Dire Need”, de necesidad urgente), los Agentes y los kynectors pueden escribir a kynectdireneed@ky.gov (003 §9.1).',
      },
    ],
  },
  // Version 2: the citation "(003 §9.1)" out of the words the Agent hears; it is the text's `source`.
  {
    id: 'match.dire-need',
    version: 2,
    locale: 'en',
    source: SRC_PSL,
    lines: [{ text: 'For applications needing attention within 24 hours (“Dire Need” cases), Agents and kynectors may email kynectdireneed@ky.gov.' }],
  },
  {
    id: 'match.dire-need',
    version: 2,
    locale: 'es',
    source: SRC_PSL,
    lines: [
      {
        text: 'Para las solicitudes que necesitan atención dentro de 24 horas (casos “Dire Need”, de necesidad urgente), los Agentes y los kynectors pueden escribir a kynectdireneed@ky.gov.',
      },
    ],
  },

  // ── SEP summary (read or sent to the consumer, and put in the call notes) ──
  {
    id: 'sep.summary.ese',
    version: 1,
    locale: 'en',
    source: SRC_SEP,
    lines: [
      { text: 'ESE: {event}, {eventDateLabel} {eventDate}.' },
      {
        text: 'An Exceptional Special Enrollment: requested in writing to KHBE (kynectESE@ky.gov) and forwarded through an ESE intake; the ESE committee recommends and the KHBE Director decides.',
      },
      { text: 'If the ESE is granted: a plan must be selected by {selectBy}; for a plan selected on {selectionDate}, coverage would start {coverageDate}.', needs: 'coverageDate' },
      {
        text: 'If the ESE is granted: a plan must be selected by {selectBy}, and the special enrollment committee sets the coverage date based on circumstances.',
        needs: 'committeeSetsDate',
      },
    ],
  },
  {
    id: 'sep.summary.ese',
    version: 1,
    locale: 'es',
    source: SRC_SEP,
    lines: [
      { text: 'ESE: {event}; {eventDateLabel}: {eventDate}.' },
      {
        text: 'Una Inscripción Especial Excepcional (ESE): se solicita por escrito a KHBE (kynectESE@ky.gov) y se envía mediante una solicitud de ESE; el comité de ESE hace una recomendación y el Director de KHBE decide.',
      },
      {
        text: 'Si se aprueba la ESE: se debe elegir un plan a más tardar el {selectBy}; para un plan elegido el {selectionDate}, la cobertura empezaría el {coverageDate}.',
        needs: 'coverageDate',
      },
      {
        text: 'Si se aprueba la ESE: se debe elegir un plan a más tardar el {selectBy}, y el comité de inscripción especial fija la fecha de cobertura según las circunstancias.',
        needs: 'committeeSetsDate',
      },
    ],
  },
  {
    id: 'sep.summary.no-sep',
    version: 1,
    locale: 'en',
    source: SRC_SEP,
    lines: [
      { text: 'SEP: {event}, event {eventDate}, plan selection {selectionDate}.' },
      { text: 'No Special Enrollment Period for this event on this date (window {windowStart} to {windowEnd}).' },
      { text: 'Told: Open Enrollment (generally November 1 to January 15), or an ESE request in writing to KHBE if an exceptional circumstance applies.' },
    ],
  },
  {
    id: 'sep.summary.no-sep',
    version: 1,
    locale: 'es',
    source: SRC_SEP,
    lines: [
      { text: 'SEP: {event}, evento el {eventDate}, selección de plan el {selectionDate}.' },
      { text: 'No hay Período de Inscripción Especial para este evento en esta fecha (período del {windowStart} al {windowEnd}).' },
      {
        text: 'Se le informó: la Inscripción Abierta (por lo general del 1 de noviembre al 15 de enero), o una solicitud de ESE por escrito a KHBE si se aplica una circunstancia excepcional.',
      },
    ],
  },
  // Version 2: the Spanish reviewed (issue 13): "si se aplica" (an anglicism of "applies") becomes "si hay"; the English is v1's.
  {
    id: 'sep.summary.no-sep',
    version: 2,
    locale: 'en',
    source: SRC_SEP,
    lines: [
      { text: 'SEP: {event}, event {eventDate}, plan selection {selectionDate}.' },
      { text: 'No Special Enrollment Period for this event on this date (window {windowStart} to {windowEnd}).' },
      { text: 'Told: Open Enrollment (generally November 1 to January 15), or an ESE request in writing to KHBE if an exceptional circumstance applies.' },
    ],
  },
  {
    id: 'sep.summary.no-sep',
    version: 2,
    locale: 'es',
    source: SRC_SEP,
    lines: [
      { text: 'SEP: {event}, evento el {eventDate}, selección de plan el {selectionDate}.' },
      { text: 'No hay Período de Inscripción Especial para este evento en esta fecha (período del {windowStart} al {windowEnd}).' },
      {
        text: 'Se le informó: la Inscripción Abierta (por lo general del 1 de noviembre al 15 de enero), o una solicitud de ESE por escrito a KHBE si hay una circunstancia excepcional.',
      },
    ],
  },
  {
    id: 'sep.summary.sep',
    version: 1,
    locale: 'en',
    source: SRC_SEP,
    lines: [
      { text: 'SEP: {event} ({eventId}), event {eventDate}, plan selection {selectionDate}.' },
      { text: 'Window {windowStart} to {windowEnd}: selection inside it.', needs: 'inside' },
      { text: 'Window {windowStart} to {windowEnd}: selection OUTSIDE it.', needs: 'outside' },
      { text: 'Window: open all year.', needs: 'openAllYear' },
      { text: 'Coverage effective {coverageDate}.', needs: 'coverageDate' },
      { text: 'No coverage date.', needs: 'noCoverageDate' },
      { text: 'Enrollment pends; documents due by {documentsDueBy}: {documents}', needs: 'documentsDueBy' },
      { text: 'Documents: {documents}', needs: 'documentsOnly' },
      { text: 'No documents required.', needs: 'noDocuments' },
    ],
  },
  {
    id: 'sep.summary.sep',
    version: 1,
    locale: 'es',
    source: SRC_SEP,
    lines: [
      { text: 'SEP: {event} ({eventId}), evento el {eventDate}, selección de plan el {selectionDate}.' },
      { text: 'Período del {windowStart} al {windowEnd}: la selección está dentro del período.', needs: 'inside' },
      { text: 'Período del {windowStart} al {windowEnd}: la selección está FUERA del período.', needs: 'outside' },
      { text: 'Período: abierto todo el año.', needs: 'openAllYear' },
      { text: 'La cobertura empieza el {coverageDate}.', needs: 'coverageDate' },
      { text: 'Sin fecha de cobertura.', needs: 'noCoverageDate' },
      { text: 'La inscripción queda pendiente; los documentos se deben entregar a más tardar el {documentsDueBy}: {documents}', needs: 'documentsDueBy' },
      { text: 'Documentos: {documents}', needs: 'documentsOnly' },
      { text: 'No se requieren documentos.', needs: 'noDocuments' },
    ],
  },
  // Version 2: the rule book's id ("loss-of-esi") is not words for the consumer; the event's name says it (issue 12.6).
  {
    id: 'sep.summary.sep',
    version: 2,
    locale: 'en',
    source: SRC_SEP,
    lines: [
      { text: 'SEP: {event}, event {eventDate}, plan selection {selectionDate}.' },
      { text: 'Window {windowStart} to {windowEnd}: selection inside it.', needs: 'inside' },
      { text: 'Window {windowStart} to {windowEnd}: selection OUTSIDE it.', needs: 'outside' },
      { text: 'Window: open all year.', needs: 'openAllYear' },
      { text: 'Coverage effective {coverageDate}.', needs: 'coverageDate' },
      { text: 'No coverage date.', needs: 'noCoverageDate' },
      { text: 'Enrollment pends; documents due by {documentsDueBy}: {documents}', needs: 'documentsDueBy' },
      { text: 'Documents: {documents}', needs: 'documentsOnly' },
      { text: 'No documents required.', needs: 'noDocuments' },
    ],
  },
  {
    id: 'sep.summary.sep',
    version: 2,
    locale: 'es',
    source: SRC_SEP,
    lines: [
      { text: 'SEP: {event}, evento el {eventDate}, selección de plan el {selectionDate}.' },
      { text: 'Período del {windowStart} al {windowEnd}: la selección está dentro del período.', needs: 'inside' },
      { text: 'Período del {windowStart} al {windowEnd}: la selección está FUERA del período.', needs: 'outside' },
      { text: 'Período: abierto todo el año.', needs: 'openAllYear' },
      { text: 'La cobertura empieza el {coverageDate}.', needs: 'coverageDate' },
      { text: 'Sin fecha de cobertura.', needs: 'noCoverageDate' },
      { text: 'La inscripción queda pendiente; los documentos se deben entregar a más tardar el {documentsDueBy}: {documents}', needs: 'documentsDueBy' },
      { text: 'Documentos: {documents}', needs: 'documentsOnly' },
      { text: 'No se requieren documentos.', needs: 'noDocuments' },
    ],
  },
];

const PLACEHOLDER = /\{([a-zA-Z]+)\}/g;

/** The placeholders a line names, sorted, each once. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
}

/** A text: a given version, else the newest in that language. */
export function findText(id: CallerTextId, locale: TextLocale, version?: number): CallerText {
  const mine = callerTexts.filter((t) => t.id === id && t.locale === locale);
  const text = version !== undefined ? mine.find((t) => t.version === version) : [...mine].sort((a, b) => b.version - a.version)[0];
  if (!text) throw new Error(`There is no text ${id}${version !== undefined ? ` v${version}` : ''} in ${locale}.`);
  return text;
}

export interface RenderedText {
  id: CallerTextId;
  version: number;
  locale: TextLocale;
  lines: string[];
  /** Exactly what is shown, line by line: this is what is hashed where the text's use is recorded. */
  text: string;
}

/** Which text was read, to record beside the act: id, version, locale and the SHA-256 of `text`. */
export interface TextUse {
  id: CallerTextId;
  version: number;
  locale: TextLocale;
  sha256: string;
}

/**
 * Fills the placeholders. A line that `needs` a value is left out without it; any other
 * placeholder without a value is an error, never a blank read aloud.
 */
export function renderText(id: CallerTextId, locale: TextLocale, values: Record<string, string | undefined>, version?: number): RenderedText {
  const t = findText(id, locale, version);
  const given = (k: string) => {
    const v = values[k];
    return v !== undefined && v.trim() !== '';
  };
  const missing = new Set<string>();
  const lines = t.lines
    .filter((l) => !l.needs || given(l.needs))
    .map((l) =>
      capitalize(
        l.text.replace(PLACEHOLDER, (_, name: string) => {
          if (!given(name) && !(t.optional?.includes(name) && values[name] !== undefined)) {
            missing.add(name);
            return '';
          }
          return values[name]!.trim() === '' ? '' : values[name]!;
        }),
      ),
    );
  if (missing.size) throw new Error(`The text ${id} needs ${[...missing].map((m) => `{${m}}`).join(', ')} before it can be read.`);
  return { id: t.id, version: t.version, locale: t.locale, lines, text: lines.join('\n') };
}

/** A line starts with a capital letter, also when an optional value before it ("Rosa, ") was left out. */
function capitalize(s: string): string {
  return s.charAt(0).toLocaleUpperCase() + s.slice(1);
}

/** A date as it is read aloud in the call's language: "November 22, 2026" / "22 de noviembre de 2026". */
export function dateWords(isoDay: string, locale: TextLocale): string {
  const d = parseISO(isoDay);
  return locale === 'es' ? format(d, "d 'de' MMMM 'de' yyyy", { locale: esLocale }) : format(d, 'MMMM d, yyyy');
}

/** Phone numbers, mailboxes and seed citations: a translation carries each one the English has. */
const FIXED = /\d-\d{3}-\d{3}-\d{4}|[\w.]+@[\w.]+\.gov|\(\d{3}( §[\d.]+)?\)/g;
/** A seed number or section mark in words read aloud: "(000)", "(003 §9.1)", "001:114", "§7". */
const fixedOf = (s: string) => (s.match(FIXED) ?? []).sort();
const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * What is wrong with a catalogue, in words (empty when nothing): a text missing in a
 * language, or a translation whose lines, optional lines, placeholders, phone numbers,
 * mailboxes or citations differ from the English. The unit test runs it on the catalogue.
 */
export function catalogueProblems(texts: readonly CallerText[], languages: readonly TextLocale[] = callLanguages): string[] {
  const problems: string[] = [];
  const keys = new Set(texts.map((t) => `${t.id}/${t.version}`));
  for (const key of keys) {
    const [id, v] = key.split('/') as [CallerTextId, string];
    const version = Number(v);
    const all = texts.filter((t) => t.id === id && t.version === version);
    for (const l of languages) {
      const n = all.filter((t) => t.locale === l).length;
      if (n !== 1) problems.push(`${id} v${version} has ${n} ${l} texts (one is needed).`);
    }
    const en = all.find((t) => t.locale === 'en');
    if (!en) continue;
    for (const other of all.filter((t) => t !== en)) {
      const where = `${id} v${version} (${other.locale})`;
      if (other.lines.length !== en.lines.length) {
        problems.push(`${where} has ${other.lines.length} lines, the English ${en.lines.length}.`);
        continue;
      }
      if (!same(other.optional ?? [], en.optional ?? [])) problems.push(`${where}: the optional placeholders differ from the English.`);
      en.lines.forEach((line, i) => {
        const o = other.lines[i]!;
        if (!same(placeholdersOf(o.text), placeholdersOf(line.text)))
          problems.push(
            `${where} line ${i + 1} names ${placeholdersOf(o.text).join(', ') || 'no placeholder'}; the English names ${placeholdersOf(line.text).join(', ') || 'none'}.`,
          );
        if (o.needs !== line.needs) problems.push(`${where} line ${i + 1} is read when ${o.needs ?? 'always'}; the English when ${line.needs ?? 'always'}.`);
        if (!same(fixedOf(o.text), fixedOf(line.text))) problems.push(`${where} line ${i + 1}: numbers, mailboxes or citations differ from the English.`);
      });
    }
  }
  for (const id of callerTextIds) if (!texts.some((t) => t.id === id)) problems.push(`${id} has no text.`);
  // Issue 12.6: the words in use name no seed number or section mark; the seed lines are the text's `source`.
  for (const key of keys) {
    const [id, v] = key.split('/') as [CallerTextId, string];
    const newest = Math.max(...texts.filter((t) => t.id === id).map((t) => t.version));
    if (Number(v) !== newest) continue;
    for (const t of texts.filter((x) => x.id === id && x.version === newest)) {
      t.lines.forEach((l, i) => {
        if (INTERNAL_CODE.test(l.text))
          problems.push(`${id} v${newest} (${t.locale}) line ${i + 1} names a seed or section ("${l.text.match(INTERNAL_CODE)![0]}"): put it in the source.`);
      });
    }
  }
  return problems;
}
