/**
 * The balancing choice, as pure functions of the candidates' loads and an injected random
 * source: power of two choices ({@link dev.convoy.router.balance.PowerOfTwoChooser}) and
 * GPU-first with spill to CPU ({@link dev.convoy.router.balance.GpuFirstChooser}).
 */
package dev.convoy.router.balance;
