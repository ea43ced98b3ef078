import { EligibilityExpiry } from './duration';
import { Ticket } from './model';

/**
 * Parts of a role eligibility schedule request (`Microsoft.Authorization/roleEligibilityScheduleRequests`,
 * 2020-10-01) built from the model: what the Pulumi engine writes; azurerm_pim_eligible_role_assignment
 * writes the same from its `schedule` and `ticket` blocks.
 */

/** When an eligibility ends: never, or the expiry after it starts. */
export interface EligibilitySchedule {
  readonly expiration:
    { readonly type: 'NoExpiration' } | { readonly type: 'AfterDuration'; readonly duration: string };
}

/** The schedule of an eligibility with an expiry (`P90D`, or `none`). */
export function eligibilitySchedule(expiry: EligibilityExpiry): EligibilitySchedule {
  return { expiration: expiry === 'none' ? { type: 'NoExpiration' } : { type: 'AfterDuration', duration: expiry } };
}

/** The ticket of an eligibility request. */
export function eligibilityTicket(ticket: Ticket): { readonly ticketNumber: string; readonly ticketSystem: string } {
  return { ticketNumber: ticket.number, ticketSystem: ticket.system };
}
