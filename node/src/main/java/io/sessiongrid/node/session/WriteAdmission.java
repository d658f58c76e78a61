package io.sessiongrid.node.session;

/**
 * Whether the grid takes a write that grows it (a create, an append, a state patch) now. {@link #NONE}
 * takes every write.
 */
public interface WriteAdmission {

    WriteAdmission NONE = () -> { };

    /**
     * @throws SessionGridError MEMORY_PRESSURE when a member is short of heap
     */
    void admitWrite();
}
