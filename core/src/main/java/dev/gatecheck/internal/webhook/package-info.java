/**
 * Webhook signature schemes (GitHub, Stripe, Standard Webhooks, Slack) and the verifier of a webhook route.
 * Not API.
 */
package dev.gatecheck.internal.webhook;
