/**
 * What an engine tells about itself: {@link dev.gatecheck.events.GatecheckListener} hears decisions, key-source
 * fetches, spoof attempts and verifications; {@link dev.gatecheck.events.Health} is the key sources' state for
 * readiness probes; {@link dev.gatecheck.events.AuditLog} writes one structured line per decision.
 */
package dev.gatecheck.events;
