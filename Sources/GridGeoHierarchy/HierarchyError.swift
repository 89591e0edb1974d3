public import GridGeoCore

/// Why drafting or a grid build stopped: one of the data jobs' errors.
public typealias HierarchyError = JobError
