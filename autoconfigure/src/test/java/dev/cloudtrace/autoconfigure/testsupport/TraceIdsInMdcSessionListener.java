package dev.cloudtrace.autoconfigure.testsupport;

import dev.cloudtrace.autoconfigure.logging.MdcTraceCorrelation;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs the MDC context storage when the test JVM starts. In an application, the
 * starter's listener installs it before anything uses OpenTelemetry's context; in this JVM,
 * unit tests use the context long before the first application starts, and OpenTelemetry
 * takes no wrapper after that. Inactive until an application switches it on.
 */
public class TraceIdsInMdcSessionListener implements LauncherSessionListener {

	@Override
	public void launcherSessionOpened(LauncherSession session) {
		MdcTraceCorrelation.install();
	}

}
