import ArgumentParser

@main
struct GridGeoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gridgeo", abstract: "GridGeo query tool.")
}
