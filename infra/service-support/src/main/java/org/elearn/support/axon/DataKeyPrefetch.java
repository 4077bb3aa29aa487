package org.elearn.support.axon;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.elearn.events.privacy.DataSubjectSequencingPolicy;
import org.elearn.events.privacy.KeyVault;
import org.elearn.events.privacy.PersonalDataModel;

/**
 * Before a processor handles a batch, reads the data keys of the subjects whose personal data the
 * batch carries, with one query, in the batch's transaction. Decrypting each event then finds its
 * key cached: at 2,000 statements a second about new trainees, the query side had made one
 * {@code SELECT ... FROM data_key} round trip per subject (22,759 in 15 s). The subjects are read
 * from the stored JSON, so nothing is decrypted here.
 */
record DataKeyPrefetch(DataSubjectSequencingPolicy subjects,
                       KeyVault vault) implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final String DONE = DataKeyPrefetch.class.getName();

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        UnitOfWork<?> root = unitOfWork.root();
        if (root instanceof BatchingUnitOfWork<?> batch && root.resources().putIfAbsent(DONE, Boolean.TRUE) == null) {
            List<String> ids = new ArrayList<>();
            for (Object message : batch.getMessages()) {
                EventMessage<?> event = (EventMessage<?>) message;
                if (PersonalDataModel.of(event.getPayloadType()).hasPersonalData()) {
                    String subject = subjects.storedSubject(event);
                    if (subject != null) {
                        ids.add(subject);
                    }
                }
            }
            vault.prepareKeysForReading(ids);
        }
        return interceptorChain.proceed();
    }
}
