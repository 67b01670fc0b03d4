import Dispatch
import Synchronization

/// Runs a function over items on several threads and hands the results back in item order.
///
/// `work` runs on up to `jobs` threads; `emit` runs on the calling thread, for item 0, 1, 2 … in
/// turn, as soon as each is ready, so the output is the same, byte for byte, whatever `jobs` is.
/// At most `window` items (default: 16 per thread, so that a long document does not leave the
/// other threads idle) are taken ahead of the last one emitted: memory is bounded by the
/// window, not by the number of items. With `jobs` 1 everything runs on the calling thread.
enum OrderedWork {
    static func run<Result: Sendable>(count: Int, jobs: Int, window: Int? = nil,
                                      work: @escaping @Sendable (Int) -> Result,
                                      emit: (Int, Result) throws -> Void) throws {
        if jobs <= 1 || count <= 1 {
            for index in 0..<count { try emit(index, work(index)) }
            return
        }
        let threads = min(jobs, count)
        let windowSize = max(window ?? threads * 16, 1)
        let state = SharedState<Result>(count: count, window: windowSize)
        let group = DispatchGroup()
        for _ in 0..<threads {
            DispatchQueue.global().async(group: group) {
                while true {
                    state.window.wait()
                    guard let index = state.take() else {
                        state.window.signal()  // let the other threads see the end too
                        return
                    }
                    let result = work(index)
                    state.results.withLock { $0[index] = result }
                    state.ready[index].signal()
                }
            }
        }
        do {
            for index in 0..<count {
                state.ready[index].wait()
                guard let result = state.results.withLock({ results -> Result? in
                    defer { results[index] = nil }
                    return results[index]
                }) else { continue }  // cannot happen: a slot is signalled once filled
                try emit(index, result)
                state.window.signal()
            }
        } catch {
            state.cancel()
            // Wake every waiting thread, and leave the semaphore at least at its initial value
            // (libdispatch traps on releasing one below it).
            for _ in 0..<(threads + windowSize) { state.window.signal() }
            group.wait()
            throw error
        }
        group.wait()
    }

    /// What the threads share: the next item to take, the results waiting for their turn, one
    /// semaphore per item (signalled when its result is in) and the window.
    private final class SharedState<Result: Sendable>: Sendable {
        let results: Mutex<[Result?]>
        let ready: [DispatchSemaphore]
        let window: DispatchSemaphore
        private let next = Mutex<Int>(0)
        private let count: Int

        init(count: Int, window: Int) {
            self.count = count
            results = Mutex([Result?](repeating: nil, count: count))
            ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
            self.window = DispatchSemaphore(value: window)
        }

        /// The next item to work on, or nil when every item is taken (or the run was cancelled).
        func take() -> Int? {
            next.withLock { next in
                guard next < count else { return nil }
                defer { next += 1 }
                return next
            }
        }

        func cancel() { next.withLock { $0 = count } }
    }
}
