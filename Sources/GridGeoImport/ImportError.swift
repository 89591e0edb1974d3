public import GridGeoCore

/// Why an import stopped: one of the data jobs' errors.
public typealias ImportError = JobError
