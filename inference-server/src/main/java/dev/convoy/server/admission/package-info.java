/**
 * Admission control: what the server lets in before it spends memory on a request
 * ({@link dev.convoy.server.admission.MemoryBudget}).
 */
package dev.convoy.server.admission;
