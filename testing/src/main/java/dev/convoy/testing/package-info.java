/**
 * Test support shared by the modules: {@link dev.convoy.testing.FakeClock}, a manual clock
 * that is also the scheduled executor of the code under test, so time-dependent tests are
 * exact and never sleep.
 */
package dev.convoy.testing;
